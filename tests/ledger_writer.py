"""Synthetic whistle records for the ledger tests, and a writer that runs until it is killed.

The records are well formed (Whistle.fold reads them, so a deadline sweep of a shared database
can escalate one left behind) and lie in a district of their own, `tag`, so a test on a shared
database finds and removes exactly its own whistles.

    python -m tests.ledger_writer URI USER DATABASE TAG      (password in WHISTLEGRAPH_TEST_PASSWORD)

writes to the Neo4j ledger until killed, printing `WHISTLE SEQ` for each event once the ledger
acknowledged it, a line at a time: each tenth write blows a whistle (printing all its events),
the others report in to the latest one. tests/test_ledger_contract.py kills it with SIGKILL at
a random moment; every line printed before must name an event in the database.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from graph.vocabulary import EventType
from whistles.ledger_neo4j import Neo4jLedger
from whistles.record import Event, iso

T0 = datetime(2024, 6, 3, 1, 0, tzinfo=UTC)
WRITES = 5000  # the parent kills it long before; bounded all the same


def later(at: datetime, minutes: float) -> datetime:
    return at + timedelta(minutes=minutes)


def blow(
    tag: str,
    street: str = "01",
    at: datetime = T0,
    source: str = "street_inspection",
    bodies: Sequence[str] | None = None,
    description: str = "",
    place: str | None = None,
) -> Callable[[str], list[Event]]:
    """A build for Ledger.create: blown at street tag+street (place: that street unless given), in district
    tag, and a call to each body (default: tag:enf)."""

    def build(whistle: str) -> list[Event]:
        blown = {
            "place": place or f"{tag}{street}",
            "place_name": "八宝山街道",
            "street": f"{tag}{street}",
            "district": tag,
            "subject": "占道经营",
            "urgency": "routine",
            "description": description,
            "source": source,
            "order_number": "2024060300001" if source == "hotline_12345" else "",
            "duties": [],
            "ladder": [],
        }
        called = (f"{tag}:enf",) if bodies is None else bodies
        calls = [
            Event(whistle, seq, EventType.CALLED, at, "op", call(body, at)) for seq, body in enumerate(called, start=2)
        ]
        return [Event(whistle, 1, EventType.BLOWN, at, "op", blown), *calls]

    return build


def call(body: str, at: datetime) -> dict[str, str]:
    """The data of a called event: Pinggu's 30 minutes to report in."""
    return {
        "body": body,
        "name": "城管执法队",
        "tier": "responder",
        "role": "enforce",
        "deadline": iso(later(at, 30)),
        "reason": "responder",
    }


def report(whistle: str, seq: int, body: str, at: datetime, actor: str = "op", note: str = "") -> Event:
    return Event(
        whistle, seq, EventType.REPORTED, at, actor, {"body": body, "at": iso(at), "on_site": True, "note": note}
    )


def main(uri: str, user: str, database: str, tag: str) -> None:
    ledger = Neo4jLedger(uri, user, os.environ["WHISTLEGRAPH_TEST_PASSWORD"], database)
    whistle, seq = "", 0
    for i in range(WRITES):
        if i % 10 == 0:
            events = ledger.create(blow(tag))
            whistle, seq = events[0].whistle, len(events)
            print("\n".join(f"{e.whistle} {e.seq}" for e in events), flush=True)
        else:
            seq += 1
            ledger.append([report(whistle, seq, f"{tag}:enf", later(T0, 5), note=f"第{i}次到场")])
            print(f"{whistle} {seq}", flush=True)
    ledger.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
