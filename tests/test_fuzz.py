"""800 documents written by hypothesis-graphql from the committed SDL, over real HTTP: zero 5xx, and none
answered with a masked internal error.

The app has a real ledger (mutations run with an admin token half of the time) and one worker process
for dear queries, as served in production. A longer run: `.venv/bin/python -m bench.fuzz_bench`.
"""

from __future__ import annotations

from pathlib import Path

from api.app import create_app
from api.gate import Limits
from graph.domain import Domain
from tests import fuzz
from tests.http_server import issue_tokens, serve
from whistles.ledger_sqlite import Ledger
from whistles.record import Deadlines
from whistles.supervision import Supervision

EXAMPLES = 800  # about a minute; the longer run (bench.fuzz_bench) sends 20,000


def test_no_generated_document_gets_a_5xx(tmp_path: Path, embedded_domain: Domain) -> None:
    ledger = Ledger(tmp_path / "whistles.sqlite")
    supervision = Supervision(embedded_domain, ledger, Deadlines.parse(""), street_weight=0.4)
    token = issue_tokens(ledger, embedded_domain.store)["admin"]
    app = create_app(embedded_domain, supervision=supervision, graphiql=False, limits=Limits(workers=1))
    try:
        with serve(app) as base:
            statuses, internal = fuzz.run(f"{base}/graphql", token, EXAMPLES)
    finally:
        ledger.close()
    assert sum(statuses.values()) == EXAMPLES
    assert statuses.get(200, 0) > EXAMPLES // 4, statuses  # most documents were valid and answered
    assert internal == [], f"{len(internal)} documents hit an internal error, e.g. {internal[0]}"
