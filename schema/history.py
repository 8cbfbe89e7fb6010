"""List versions over GraphQL: `listVersions`, `changes(since, label)`, the admin's `syncLists` mutation, and the
`appliedListVersions` subscription.

A sync through the API is the same plan and the same single transaction as `whistlegraph sync`
(loaders/sync.py); the server's indexes are rebuilt before the mutation answers, so the next request already
sees the new version. A subscriber hears of a version once the server answers from it, whichever way it came:
this server's mutation, or a sync by another process that api/follow.py took up.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import logging
from collections.abc import AsyncGenerator
from contextlib import aclosing
from functools import partial
from pathlib import Path

import anyio.to_thread
import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from graph import history
from graph.errors import ArgumentError
from graph.model import Scalar
from loaders.problems import LoadFailed
from loaders.sync import Plan, PlanOutdated, apply_plan, effective_date, plan_sync, read_lists
from schema.context import Context
from schema.enums import ChangeAction
from schema.extensions import masked_stream
from schema.live import FellBehind
from schema.whistles import _still_signed_in
from whistles.tokens import RECHECK_SECONDS

Ctx = Info[Context, None]
MAX_CHANGES = 1000
log = logging.getLogger("whistlegraph")


@strawberry.type(description="A source file as a list version read it.")
class SourceFile:
    file: str
    encoding: str
    size: int
    sha256: str


@strawberry.type(description="One applied sync of the official lists.")
class ListVersion:
    number: int
    effective: datetime.date
    applied_at: str = strawberry.field(description="ISO 8601, UTC.")
    applied_by: str
    files: list[SourceFile]
    added: int
    changed: int
    retired: int

    @classmethod
    def of(cls, v: history.ListVersion) -> ListVersion:
        files = [SourceFile(file=f.file, encoding=f.encoding, size=f.size, sha256=f.sha256) for f in v.files]
        c = v.counts
        return cls(
            number=v.number,
            effective=datetime.date.fromisoformat(v.effective),
            applied_at=v.applied_at,
            applied_by=v.applied_by,
            files=files,
            added=c.get("added", 0),
            changed=c.get("changed", 0),
            retired=c.get("retired", 0),
        )


def _json(value: Scalar | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


@strawberry.type(description="A field's value before and after, JSON-encoded (null where absent).")
class FieldChange:
    field: str
    before: str | None
    after: str | None


@strawberry.type(description="A record a list version added, changed or retired.")
class ListChange:
    version: int
    effective: datetime.date
    action: ChangeAction
    kind: str = strawberry.field(description="The record's label (Area, Body …) or relationship type.")
    id: str = strawberry.field(description="A node's id, or an edge as `source -TYPE-> target [key]`.")
    file: str
    fields: list[FieldChange]

    @classmethod
    def of(cls, vc: history.VersionChange) -> ListChange:
        c = vc.change
        return cls(
            version=vc.version,
            effective=datetime.date.fromisoformat(vc.effective),
            action=c.action,
            kind=c.kind,
            id=c.ident,
            file=c.file,
            fields=[FieldChange(field=f.field, before=_json(f.before), after=_json(f.after)) for f in c.fields],
        )


@strawberry.type(description="What a sync found and, unless a dry run, applied.")
class SyncResult:
    applied: bool
    version: ListVersion | None
    effective: datetime.date
    added: int
    changed: int
    retired: int
    files: list[SourceFile]


@strawberry.type
class HistoryQuery:
    @strawberry.field(description="Every applied sync of the official lists, oldest first.")
    async def list_versions(self, info: Ctx) -> list[ListVersion] | None:
        versions = await info.context.call(info.context.store.list_versions)
        return [ListVersion.of(v) for v in versions]

    @strawberry.field(
        description="Records changed by the versions effective on or after `since` (all versions without it), "
        f"of one label or relationship type if given; at most `first` ({MAX_CHANGES} at most), in version order."
    )
    async def changes(
        self, info: Ctx, since: datetime.date | None = None, label: str | None = None, first: int = 100
    ) -> list[ListChange] | None:
        if not 0 < first <= MAX_CHANGES:
            raise ArgumentError("first", first, f"want 1 to {MAX_CHANGES}")
        found = await info.context.call(info.context.store.version_changes, since.isoformat() if since else None, label)
        return [ListChange.of(c) for c in found[:first]]


def _sync(info: Ctx, directory: str, effective: str, dry_run: bool) -> tuple[Plan, history.ListVersion | None]:
    store = info.context.store
    batch, files = read_lists(Path(directory))
    if store.reload_if_changed():  # a sync by another process not yet taken up: plan against it, not before it
        info.context.domain.refresh()
    plan = plan_sync(store, batch, files, effective)
    if dry_run or plan.empty:
        return plan, None
    apply_plan(store, plan, applied_by=f"api:{info.context.principal.name}")
    info.context.domain.refresh()
    version = store.list_versions()[-1]
    info.context.lists.advance(version.number)
    return plan, version


@strawberry.type
class HistoryMutation:
    @strawberry.mutation(
        description="Admin: sync the official lists from a folder on the server (laid out like data/), as "
        "`whistlegraph sync` does; refused lists write nothing and come back as errors naming file and line."
    )
    async def sync_lists(
        self, info: Ctx, directory: str, effective: datetime.date | None = None, dry_run: bool = False
    ) -> SyncResult | None:
        if not info.context.principal.is_admin:
            raise GraphQLError("syncLists: only an admin may sync the lists", extensions={"code": "FORBIDDEN"})
        when = effective_date(effective.isoformat() if effective else None)
        try:
            plan, version = await anyio.to_thread.run_sync(partial(_sync, info, directory, when, dry_run))
        except LoadFailed as err:
            problems = [str(p) for p in err.problems]
            raise GraphQLError(str(err), extensions={"code": "LISTS_REFUSED", "problems": problems}) from None
        except PlanOutdated as err:
            raise GraphQLError(f"syncLists: {err}", extensions={"code": "PLAN_OUTDATED"}) from None
        tally = {a: sum(1 for c in plan.changes if c.action == a) for a in ChangeAction}
        return SyncResult(
            applied=version is not None,
            version=ListVersion.of(version) if version else None,
            effective=datetime.date.fromisoformat(plan.effective),
            added=tally[ChangeAction.ADDED],
            changed=tally[ChangeAction.CHANGED],
            retired=tally[ChangeAction.RETIRED],
            files=[SourceFile(file=f.file, encoding=f.encoding, size=f.size, sha256=f.sha256) for f in plan.files],
        )


async def _signed_in(ctx: Context) -> float:
    """Seconds before the token is checked again; UNAUTHENTICATED once it has expired or been revoked. Without a
    token (anyone may read the list versions) there is nothing to expire."""
    if not ctx.principal.token_hash:
        return RECHECK_SECONDS
    return await _still_signed_in(ctx.supervision, ctx.principal)


async def _applied(ctx: Context, after: int | None) -> AsyncGenerator[ListVersion, None]:
    """Each version past the subscriber's last one, up to the newest the server answers from, in order. The hub
    wakes the loop when that moves (and on a revocation through this server); the versions are read from the
    store, so a wake-up missed by a slow reader loses nothing."""
    with ctx.hub.subscribe() as wake:
        last = ctx.lists.number if after is None else after
        wait = await _signed_in(ctx)
        while True:
            held = ctx.lists.number
            if held > last:
                # In a worker thread even for the embedded store: its lock is held while it reads a new version in.
                for v in await anyio.to_thread.run_sync(ctx.store.list_versions):
                    if last < v.number <= held:
                        yield ListVersion.of(v)
                        last = v.number
            try:
                await asyncio.wait_for(wake.next(), wait + 0.05)
            except (TimeoutError, FellBehind):
                pass  # time to check the token again; or woken too often to keep up, which the read above absorbs
            wait = await _signed_in(ctx)


@strawberry.type
class HistorySubscription:
    @strawberry.subscription(
        description="Each list version as this server starts answering from it — applied by `syncLists` or by "
        "`whistlegraph sync` on the same store — once each, in order. `after`: replay the versions applied after "
        "that version number first (a client that reconnects passes the last number it received)."
    )
    async def applied_list_versions(self, info: Ctx, after: int | None = None) -> AsyncGenerator[ListVersion, None]:
        """Errors as in whistleCalls: client errors pass through, an unexpected one is logged and masked."""
        if after is not None and after < 0:
            raise ArgumentError("after", after, "want a list version number (0 replays every version)")
        async with aclosing(masked_stream(_applied(info.context, after), f"appliedListVersions(after={after})")) as s:
            async for version in s:
                yield version
