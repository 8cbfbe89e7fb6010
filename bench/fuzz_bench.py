"""The longer schema-driven fuzz run: hypothesis-graphql documents from schema/schema.graphql over real HTTP.

The suite sends 800 (tests/test_fuzz.py, kept short for CI's 20 minutes); this sends --examples (default
20,000) to the same app setup (a real ledger, one worker process for dear queries), prints the statuses seen and
fails on any 5xx.
Generating a document costs hypothesis-graphql about 70 ms here, so 20,000 take about half an hour.

    .venv/bin/python -m bench.fuzz_bench [--examples 20000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.bundled import bundled_domain

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.app import create_app  # noqa: E402
from api.gate import Limits  # noqa: E402
from tests import fuzz  # noqa: E402
from tests.http_server import issue_tokens, serve  # noqa: E402
from whistles.ledger_sqlite import Ledger  # noqa: E402
from whistles.record import Deadlines  # noqa: E402
from whistles.supervision import Supervision  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000, help="documents to send (default 20,000)")
    args = parser.parse_args()
    domain = bundled_domain()
    store = domain.store
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(Path(tmp) / "whistles.sqlite")
        supervision = Supervision(domain, ledger, Deadlines.parse(""), street_weight=0.4)
        token = issue_tokens(ledger, store)["admin"]
        app = create_app(domain, supervision=supervision, graphiql=False, limits=Limits(workers=1))
        started = time.perf_counter()
        with serve(app) as base:
            statuses, internal = fuzz.run(f"{base}/graphql", token, args.examples)
        ledger.close()
    seen = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
    print(f"{sum(statuses.values())} documents in {time.perf_counter() - started:.0f} s; statuses {seen}; no 5xx")
    print(f"masked internal errors: {len(internal)}")
    for document in internal[:5]:
        print(f"--\n{document}")
    if internal:
        sys.exit(1)


if __name__ == "__main__":
    main()
