"""Times the scored party cannot choose: the server's clock, or a claimed time inside a window from a role that may.

Every step is stamped with the server's clock when it arrives (record.When.received). A client may send a `time`
for a step taken earlier (an arrival entered later, a 12345 order's original time); the claim is accepted only
- inside the window: at most WHISTLEGRAPH_CLAIM_HOURS (default 24) before the server's clock and at most
  WHISTLEGRAPH_CLOCK_SKEW_SECONDS (default 60) after it, and
- from a role allowed to claim that step (whistles/authz.Policy.claim): never from the party the time judges.
A time outside the window is set right by an admin's correction, a step of its own (record.correct_event).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.errors import ArgumentError
from whistles.record import iso

DEFAULT_BACK_HOURS = 24.0
DEFAULT_SKEW_SECONDS = 60.0


@dataclass(frozen=True)
class ClaimWindow:
    """How far back a claimed time may lie, and how far ahead of the server's clock a client's clock may run."""

    back: timedelta = timedelta(hours=DEFAULT_BACK_HOURS)
    skew: timedelta = timedelta(seconds=DEFAULT_SKEW_SECONDS)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ClaimWindow:
        """From WHISTLEGRAPH_CLAIM_HOURS and WHISTLEGRAPH_CLOCK_SKEW_SECONDS; ValueError naming a bad variable."""
        return cls(
            timedelta(hours=_positive(env, "WHISTLEGRAPH_CLAIM_HOURS", DEFAULT_BACK_HOURS)),
            timedelta(seconds=_positive(env, "WHISTLEGRAPH_CLOCK_SKEW_SECONDS", DEFAULT_SKEW_SECONDS)),
        )

    def not_ahead(self, argument: str, t: datetime, now: datetime) -> None:
        """No recorded time lies in the future (beyond the clocks' skew)."""
        if t > now + self.skew:
            raise ArgumentError(argument, iso(t), f"is in the future (server time {iso(now)})")

    def check(self, argument: str, claimed: datetime, now: datetime) -> None:
        """A claimed time must lie inside the window around the server's clock."""
        self.not_ahead(argument, claimed, now)
        if claimed < now - self.back:
            hours = self.back / timedelta(hours=1)
            raise ArgumentError(
                argument,
                iso(claimed),
                f"lies more than {hours:g} h before the server time {iso(now)}: a claimed time may reach back"
                f" {hours:g} h (WHISTLEGRAPH_CLAIM_HOURS); an admin corrects an older time (correctTime)",
            )


def _positive(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name, "").strip()
    try:
        value = float(text) if text else default
    except ValueError:
        value = 0.0
    if not value > 0:
        raise ValueError(f"{name}={text!r}: want a positive number")
    return value
