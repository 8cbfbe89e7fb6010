"""Serve the GraphQL app over one store and the whistle ledger with uvicorn (api/cli.py calls run).

Settings come from the environment, so a deployment changes them without a code change:
  WHISTLEGRAPH_LEDGER          the whistle ledger beside the embedded graph (SQLite, WAL; default var/whistles.sqlite)
  WHISTLEGRAPH_DEADLINES       minutes to report in by urgency, e.g. routine=30,urgent=20,emergency=10
  WHISTLEGRAPH_STREET_WEIGHT   the streets' share of a department's score, e.g. 1/3 (default) or 0.4; never below 1/3
  WHISTLEGRAPH_SWEEP_SECONDS   how often overdue calls are escalated (default 30)
  WHISTLEGRAPH_QUERY_BUDGET    the most a request may cost (schema/cost.py; default 10000), else QUERY_TOO_COSTLY
  WHISTLEGRAPH_CHEAP_COST      requests cheaper than this answer on the event loop, dearer ones in a worker (300)
  WHISTLEGRAPH_REQUEST_SECONDS a request's wall-clock limit (default 10)
  WHISTLEGRAPH_WORKERS         worker processes for dear queries (default: cores - 1, at least 1; 0: none)
  WHISTLEGRAPH_ANSWER_CACHE    answers kept by the answer cache (default 2048; 0: off)
  WHISTLEGRAPH_CLAIM_HOURS     how far back a claimed time may lie (default 24; see whistles/claims.py)
  WHISTLEGRAPH_CLOCK_SKEW_SECONDS  how far ahead of the server's clock a claimed time may lie (default 60)
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from api.app import SWEEP_SECONDS, create_app
from api.env import positive_seconds
from api.gate import Limits
from api.stores import ledger_for
from graph.domain import Domain
from graph.store import GraphStore
from whistles.accountability import MIN_STREET_WEIGHT, check_weight
from whistles.claims import ClaimWindow
from whistles.record import Deadlines
from whistles.supervision import Supervision


@dataclass(frozen=True)
class Settings:
    deadlines: Deadlines
    street_weight: float
    sweep_seconds: float
    limits: Limits
    claims: ClaimWindow


def settings(env: Mapping[str, str]) -> Settings:
    """Read and check the settings; a bad value raises ValueError naming the variable."""
    try:
        deadlines = Deadlines.parse(env.get("WHISTLEGRAPH_DEADLINES", ""))
    except ValueError as err:
        raise ValueError(f"WHISTLEGRAPH_DEADLINES: {err}") from None
    text = env.get("WHISTLEGRAPH_STREET_WEIGHT", "").strip()
    try:
        weight = check_weight(float(Fraction(text))) if text else MIN_STREET_WEIGHT
    except (ValueError, ZeroDivisionError) as err:
        raise ValueError(f"WHISTLEGRAPH_STREET_WEIGHT={text!r}: {err}") from None
    sweep = positive_seconds(env, "WHISTLEGRAPH_SWEEP_SECONDS", SWEEP_SECONDS)
    return Settings(deadlines, weight, sweep, Limits.from_env(env), ClaimWindow.from_env(env))


def run(host: str, port: int, store: GraphStore) -> None:
    """Build the domain's indexes first, so the first request is as fast as the rest, then serve until stopped."""
    try:
        config = settings(os.environ)
    except ValueError as err:
        raise SystemExit(f"error: {err}") from None
    domain = Domain(store)
    domain.refresh()
    ledger = ledger_for(store)  # SQLite at WHISTLEGRAPH_LEDGER, or the Neo4j database the graph is in
    supervision = Supervision(domain, ledger, config.deadlines, config.street_weight, claims=config.claims)
    app = create_app(domain, supervision=supervision, sweep_seconds=config.sweep_seconds, limits=config.limits)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", log_config=_log_config())
    finally:
        ledger.close()


def _log_config() -> dict[str, Any]:
    """uvicorn's logging, plus the app's own logger (sweep escalations and failures) through the same handler."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["whistlegraph"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
