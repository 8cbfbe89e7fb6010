"""Reading a deployment's settings from the environment, with errors that name the variable."""

from __future__ import annotations

from collections.abc import Mapping


def positive_seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """A positive number of seconds from `name`, or the default when unset; ValueError names a bad value."""
    text = env.get(name, "").strip()
    try:
        seconds = float(text) if text else default
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise ValueError(f"{name}={text!r}: want a positive number of seconds")
    return seconds
