"""A schema-driven fuzz run: hypothesis-graphql writes queries and mutations from schema/schema.graphql (the
committed SDL), and each is sent over real HTTP to the served app; no answer may be a 5xx.

Shared by tests/test_fuzz.py (2,000 cases in the suite) and bench/fuzz_bench.py (a longer run).
"""

from __future__ import annotations

import json

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, nodes

from schema import SDL_PATH
from schema.extensions import INTERNAL_MESSAGE

# The schema's own scalars, as their literals: ISO dates and times (and anything for JSON, an output type).
SCALARS = {
    "Date": st.dates().map(lambda d: nodes.String(d.isoformat())),
    "DateTime": st.datetimes().map(lambda t: nodes.String(t.isoformat())),
    "JSON": st.text(max_size=20).map(nodes.String),
}


def documents() -> st.SearchStrategy[str]:
    """Valid queries and mutations from the SDL, plus invalid ones (Mode.NEGATIVE) the server must refuse cleanly."""
    sdl = SDL_PATH.read_text(encoding="utf-8")
    valid = from_schema(sdl, custom_scalars=SCALARS)
    invalid = from_schema(sdl, custom_scalars=SCALARS, mode=Mode.NEGATIVE)
    return st.one_of(valid, invalid).map(str)


def run(url: str, token: str | None, examples: int) -> tuple[dict[int, int], list[str]]:
    """Send `examples` generated documents (anonymous and with `token`): the statuses seen, by count, and the
    documents answered with a masked internal error (a bug that did not become a 5xx)."""
    statuses: dict[int, int] = {}
    internal: list[str] = []
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with httpx.Client(timeout=60) as http:

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(document=documents(), signed=st.booleans())
        def case(document: str, signed: bool) -> None:
            body = json.dumps({"query": document}, ensure_ascii=False).encode()
            response = http.post(
                url, content=body, headers={"Content-Type": "application/json", **(headers if signed else {})}
            )
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            assert response.status_code < 500, f"{response.status_code} for {document!r}: {response.text[:500]}"
            answer = response.json()
            assert "errors" in answer or "data" in answer
            if any(e.get("message") == INTERNAL_MESSAGE for e in answer.get("errors") or []):
                internal.append(document)

        case()
    return statuses, internal
