"""The schema as an artifact: the committed SDL is current, and enums follow graph/model.py."""

from __future__ import annotations

from graph import model
from graph.questions import URGENCIES
from schema import SDL_PATH, sdl
from schema.enums import AreaLevel, Line, Role, Urgency


def test_committed_sdl_is_current() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == sdl(), (
        "schema/schema.graphql is stale: run `.venv/bin/python -c 'import schema; schema.export_sdl()'` and commit it"
    )


def test_enums_follow_the_model_vocabularies() -> None:
    assert tuple(e.value for e in AreaLevel) == model.AREA_LEVELS
    assert tuple(e.value for e in Line) == model.LINES
    assert tuple(e.value for e in Role) == model.ROLES
    assert tuple(e.value for e in Urgency) == tuple(URGENCIES)
