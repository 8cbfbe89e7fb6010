"""Who may do what: API principals and the ground or units each one acts for (their tokens: whistles/tokens.py).

Roles: viewer (reads), street (a street-level body: blows, resolves, escalates and evaluates
on its own ground), department (a body: reports in for itself and its own units), admin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.store import GraphStore
from graph.vocabulary import EdgeType, EventType, Label, PrincipalRole

# The 12345 citizen hotline centre (接诉即办): the one body that records callbacks.
HOTLINE_CENTRE = "bj-rexian"


class Forbidden(Exception):
    """The principal may not do this; says what and why, never more."""

    def __init__(self, action: str, why: str) -> None:
        super().__init__(f"not allowed to {action}: {why}")
        self.action = action
        self.why = why


@dataclass(frozen=True)
class Principal:
    name: str
    role: PrincipalRole
    body: str = ""
    token_hash: str = field(default="", compare=False, repr=False)  # to check the token again (open subscriptions)

    @property
    def is_admin(self) -> bool:
        return self.role == PrincipalRole.ADMIN


ANONYMOUS = Principal("anonymous", PrincipalRole.VIEWER)


class Policy:
    """The checks, over the graph: a street's ground is the area it governs and everything in it."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def _ground(self, p: Principal) -> set[str]:
        return {nb.edge.target for nb in self.store.neighbours([p.body], EdgeType.GOVERNS, "out")}

    def units(self, p: Principal) -> set[str]:
        """The principal's body, the bodies whose primary line leads to it, and the sunk teams it sent.

        A stationed unit is thus a unit of both its street (primary, day-to-day) and its department.
        """
        primary = [nb for nb in self.store.neighbours([p.body], EdgeType.REPORTS_TO, "in") if nb.edge.get("primary")]
        sent = self.store.neighbours([p.body], EdgeType.SENT_BY, "in")
        return {p.body} | {nb.edge.source for nb in primary + sent}

    def forces(self, body: str) -> set[str]:
        """A body and the sunk teams it sent: what its figures and scores are about."""
        return {body} | {nb.edge.source for nb in self.store.neighbours([body], EdgeType.SENT_BY, "in")}

    def own_bodies(self, street_body: str) -> set[str]:
        """A street's own bodies (office, enforcement team, committees): not departments it may score."""
        primary = self.store.neighbours([street_body], EdgeType.REPORTS_TO, "in")
        return {street_body} | {
            nb.edge.source for nb in primary if nb.edge.get("primary") and nb.node.label == Label.BODY
        }

    def blow(self, p: Principal, place: str, containing: set[str]) -> None:
        """`containing`: the place and every area it lies in (Domain.ancestry)."""
        if p.is_admin:
            return
        if p.role != PrincipalRole.STREET:
            raise Forbidden("blow a whistle", f"role {p.role} cannot; street operators blow whistles")
        if not containing & self._ground(p):
            raise Forbidden("blow a whistle", f"{place} is not on the ground of {p.body}")

    def on_ground(self, p: Principal, street: str, action: str) -> None:
        """Resolve, escalate, evaluate: the street whose ground the whistle is on."""
        if p.is_admin:
            return
        if p.role != PrincipalRole.STREET or street not in self._ground(p):
            raise Forbidden(action, f"only the street operator of {street} (or an admin) may")

    def report(self, p: Principal, body: str) -> None:
        if p.is_admin:
            return
        if p.role not in (PrincipalRole.DEPARTMENT, PrincipalRole.STREET):
            raise Forbidden("report in", f"role {p.role} cannot")
        if body not in self.units(p):
            raise Forbidden("report in", f"{body} is not {p.body} or one of its units")

    def claim(self, p: Principal, step: EventType, body: str = "") -> None:
        """May `p` claim the time of a step instead of the server's clock? The scored party never chooses its time:
        a street may claim a whistle's original time (a 12345 order, an inspection entered later) and the arrival of
        a department's force it saw come (not of its own bodies, whose times judge the street); a department never
        claims (its report-in time judges it); every other step's time is the server's, unless an admin claims."""
        if p.is_admin:
            return
        if p.role == PrincipalRole.STREET and step == EventType.BLOWN:
            return
        if p.role == PrincipalRole.STREET and step == EventType.REPORTED and body not in self.own_bodies(p.body):
            return
        action = f"claim the time of a {step} step"
        if p.role == PrincipalRole.DEPARTMENT and step == EventType.REPORTED:
            why = "a report-in time judges the department that reports; leave out time and the server records it"
        elif step == EventType.REPORTED:
            why = f"{body} is {p.body}'s own body, and its report-in time judges the street; leave out time"
        else:
            why = "only an admin may; leave out time and the server records when it receives the step"
        raise Forbidden(action, why)

    def tokens(self, p: Principal) -> None:
        """Issue, list and revoke API tokens: admins only."""
        if not p.is_admin:
            raise Forbidden("manage API tokens", "only an admin may")

    def correct(self, p: Principal) -> None:
        """Correcting a recorded time is an admin's action, recorded as its own step."""
        if not p.is_admin:
            raise Forbidden("correct a recorded time", "only an admin may")

    def callback(self, p: Principal) -> None:
        """接诉即办工作条例 第二十三条: the hotline centre calls the petitioner back."""
        if p.is_admin or (p.role == PrincipalRole.DEPARTMENT and p.body == HOTLINE_CENTRE):
            return
        raise Forbidden("record a callback", f"only the 12345 hotline centre ({HOTLINE_CENTRE}) or an admin may")

    def scores(self, p: Principal, department: str) -> bool:
        """May read a department's assessment score; True when the per-street breakdown may be shown too."""
        if p.is_admin:
            return True
        if p.role == PrincipalRole.DEPARTMENT and p.body == department:
            return False  # 背靠背: its own score, not who gave what
        raise Forbidden("read assessment scores", f"only {department}'s own operator or an admin may")

    def read(self, p: Principal) -> None:
        """Whistle records name places, people's complaints and who failed to come: signed-in principals only."""
        if p is ANONYMOUS:
            raise Forbidden("read whistle records", "sign in with an API token (Authorization: Bearer …)")

    def watch(self, p: Principal, body: str) -> None:
        """Follow the calls to a body as they happen: its own department operator (for its units) or an admin."""
        if p.is_admin:
            return
        if p.role != PrincipalRole.DEPARTMENT or body not in self.units(p):
            raise Forbidden("follow calls", f"only the department operator of {body} (or an admin) may")

    def given_by(self, p: Principal, street_body: str) -> None:
        """A street sees the evaluations it gave, not another street's."""
        if p.is_admin or (p.role == PrincipalRole.STREET and p.body == street_body):
            return
        raise Forbidden("read evaluations", f"only {street_body}'s operator or an admin may")
