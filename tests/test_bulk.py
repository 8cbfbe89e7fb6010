"""The collector pause around bulk steps: the collector runs again afterwards, also after a failure, and a pause
inside a pause (or a step run while a caller had paused it) leaves it as it was found."""

import gc

import pytest

from loaders.bulk import collector_paused


def test_pause_restores_the_collector_after_success_and_failure() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a bulk step failed")
    assert gc.isenabled()


def test_nested_and_already_paused() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "the inner pause must not end the outer one"
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled(), "a caller's own pause is left to the caller"
    finally:
        gc.enable()
