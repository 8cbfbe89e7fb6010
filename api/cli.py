"""`whistlegraph`: load the official lists, ask the three questions, serve the API."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from api import extract_cmd, render, sync_cli
from api.stores import ledger_for, open_store
from graph.answers import WhistleInput
from graph.domain import Domain
from graph.errors import ArgumentError, text_fault
from graph.export import FORMATS, select, selection
from graph.store import GraphStore
from graph.vocabulary import Label, Line, PrincipalRole, StoreKind, Urgency
from loaders.dataset import BUNDLED, load_dataset
from loaders.source import LoadFailed
from loaders.structure import RULES
from whistles.authz import Forbidden
from whistles.tokens import DEFAULT_DAYS, Tokens

TOKEN_COMMANDS = ("issue", "list", "revoke")


def _store_options(p: argparse.ArgumentParser, default: object = None) -> None:
    p.add_argument(
        "--store",
        choices=list(StoreKind),
        default=StoreKind.EMBEDDED if default is None else default,
        help="embedded (default) or neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)",
    )
    p.add_argument(
        "--db",
        type=Path,
        default=default,
        help="embedded store file (default var/whistlegraph.sqlite or $WHISTLEGRAPH_DB)",
    )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="whistlegraph", description=__doc__)
    _store_options(p)
    # The same options after the command (`whistlegraph serve --store neo4j`) override those before it.
    common = argparse.ArgumentParser(add_help=False)
    _store_options(common, default=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", required=True)

    load = sub.add_parser("load", parents=[common], help="load a dataset folder (default: the bundled Beijing data)")
    load.add_argument("data", nargs="?", type=Path, default=BUNDLED)
    sync_cli.add_parsers(sub, common)
    sub.add_parser("stats", parents=[common], help="counts by label, kind and provenance")
    sub.add_parser("rules", parents=[common], help="the rules that derive bodies and lines no register lists")

    ledger = argparse.ArgumentParser(add_help=False)
    ledger.add_argument(
        "--ledger",
        type=Path,
        help="whistle ledger file of the embedded store (default var/whistles.sqlite or $WHISTLEGRAPH_LEDGER); "
        "with --store neo4j, tokens are kept in the Neo4j database",
    )
    tokens = sub.add_parser(
        "token", parents=[common], help="API tokens: issue (shown once; only its hash is kept), list, revoke"
    ).add_subparsers(dest="token", required=True)
    token = tokens.add_parser("issue", parents=[common, ledger], help="issue a token (`token NAME …` does too)")
    token.add_argument("name", help="who holds it, e.g. babaoshan-operator")
    token.add_argument("--role", required=True, choices=list(PrincipalRole))
    token.add_argument("--body", default="", help="street: its street-level body (st:…); department: its body id")
    token.add_argument("--days", type=float, default=DEFAULT_DAYS, help=f"lifetime (default {DEFAULT_DAYS} days)")
    tokens.add_parser(
        "list", parents=[common, ledger], help="every principal: role, body, expiry, revocation, last use"
    )
    revoke = tokens.add_parser("revoke", parents=[common, ledger], help="revoke a principal's token at once")
    revoke.add_argument("name")

    extract_cmd.add_parser(sub, common)

    serve = sub.add_parser("serve", parents=[common], help="serve GraphQL and GraphiQL")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8000)

    export = sub.add_parser("export", parents=[common], help="write the graph or a piece of it (GraphML, GEXF …)")
    export.add_argument("--format", choices=FORMATS, default="graphml")
    export.add_argument("--root", help="a node id: export the structure below it (default: the whole graph)")
    export.add_argument("--depth", type=int, default=2, help="hops below the root (default 2)")
    export.add_argument("--labels", help="comma-separated node labels to keep, e.g. Area,Body,SunkTeam")
    export.add_argument("--lines", help="comma-separated reporting lines to keep, e.g. administrative,party")
    export.add_argument("--as-of", help="ISO date: only what is valid then")
    export.add_argument("-o", "--out", type=Path, help="file to write (default: standard output)")

    ask = sub.add_parser("ask", parents=[common], help="ask one of the three questions").add_subparsers(
        dest="question", required=True
    )
    q = ask.add_parser("responsible", parents=[common], help="who is responsible for a subject at a place")
    q.add_argument("place", help="area code (e.g. 110101001001) or unique name")
    q.add_argument("subject", help="duty id, domain, whistle subject or free text (e.g. 养犬登记)")
    q.add_argument("--as-of", help="ISO date")
    q = ask.add_parser("responders", parents=[common], help="who has to respond to a whistle")
    q.add_argument("place")
    q.add_argument("subject")
    q.add_argument("--urgency", default=Urgency.ROUTINE.value, choices=[u.value for u in Urgency])
    q.add_argument("--as-of")
    q = ask.add_parser("chain", parents=[common], help="who a body reports to, up to the city")
    q.add_argument("body", help="body id (e.g. st:110107001) or unique name")
    q.add_argument("--line", choices=list(Line))
    q.add_argument("--as-of")
    q = ask.add_parser("subordinates", parents=[common], help="who reports to a body")
    q.add_argument("body")
    q.add_argument("--depth", type=int, default=1)
    q.add_argument("--line", choices=list(Line))
    q = ask.add_parser("assess", parents=[common], help="whom a body assesses and who assesses it")
    q.add_argument("body")
    q = ask.add_parser("search", parents=[common], help="areas, bodies and duties by name or text")
    q.add_argument("text")
    q.add_argument("--limit", type=int, default=20)
    for a in ask.choices.values():
        a.add_argument("--json", action="store_true", help="print the whole answer as JSON")
    return p


def _json(value: object) -> str:
    def plain(v: object) -> object:
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return {k: plain(x) for k, x in dataclasses.asdict(v).items()}
        if isinstance(v, list | tuple):
            return [plain(x) for x in v]
        return v

    return json.dumps(plain(value), ensure_ascii=False, indent=2)


def _stats(store: GraphStore) -> str:
    lines = ["counts by label and relationship type:"]
    lines += [f"  {k:<16} {v:>7}" for k, v in store.counts().items()]
    by_kind: Counter[tuple[str, str, str]] = Counter()
    for label in Label:
        for n in store.all_nodes(label):
            by_kind[(label, str(n.get("kind", n.get("level", ""))), str(n.get("provenance")))] += 1
    lines.append("nodes by label, kind and provenance:")
    lines += [f"  {label:<10} {kind:<26} {prov:<9} {n:>6}" for (label, kind, prov), n in sorted(by_kind.items())]
    return "\n".join(lines)


def _ask(domain: Domain, a: argparse.Namespace) -> str:
    q = a.question
    if q == "responsible":
        r = domain.responsible(a.place, a.subject, a.as_of)
        return _json(r) if a.json else render.responsibility(r)
    if q == "responders":
        r2 = domain.responders(WhistleInput(a.place, a.subject, a.urgency, a.as_of))
        return _json(r2) if a.json else render.responders(r2)
    if q == "chain":
        r3 = domain.reporting_chain(a.body, a.line, a.as_of)
        return _json(r3) if a.json else render.chain(r3)
    if q == "subordinates":
        below = domain.subordinates(a.body, a.depth, a.line)
        return _json(below) if a.json else render.subordinates(below)
    if q == "assess":
        gives, gets = domain.assessments(a.body)
        return _json({"assesses": gives, "assessed_by": gets}) if a.json else render.assessments(a.body, gives, gets)
    hits = domain.search(a.text, a.limit)
    return (
        _json([{"id": h.node.id, "label": h.node.label, "name": h.node.name, "score": h.score} for h in hits])
        if a.json
        else render.search(hits)
    )


def _export(store: GraphStore, a: argparse.Namespace) -> None:
    sel = selection(store, a.root, a.depth, a.labels, a.lines, a.as_of)
    started = time.perf_counter()
    graph = select(store, sel)
    if a.out is None:
        sys.stdout.writelines(FORMATS[a.format].write(graph))
    else:
        _write_whole(a.out, FORMATS[a.format].write(graph))
    took = time.perf_counter() - started
    print(f"exported {len(graph.nodes)} nodes, {len(graph.edges)} edges as {a.format} in {took:.2f} s", file=sys.stderr)


def _write_whole(path: Path, lines: Iterable[str]) -> None:
    """Write beside the target, then rename: a failed export leaves no half-written file, and an unwritable path is
    an error naming the argument."""
    temp = path.with_name(f".{path.name}.partial")
    try:
        with temp.open("w", encoding="utf-8") as f:
            f.writelines(lines)
        temp.replace(path)
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise ArgumentError("--out", str(path), f"cannot be written: {err.strerror}") from None


def _port(value: str) -> int:
    """A TCP port to listen on: 1 to 65535 (argparse reports anything else as a usage error)."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"a port is 1 to 65535 (got {port})")
    return port


def _issue_by_default(argv: list[str]) -> list[str]:
    """`whistlegraph token NAME --role …`, the usage from before list and revoke, still issues."""
    i = 0
    while i < len(argv) and argv[i].startswith("-"):  # options before the command (--store X, --db=Y)
        i += 1 if "=" in argv[i] else 2
    rest = argv[i + 1 : i + 2]
    if argv[i : i + 1] == ["token"] and rest and rest[0] not in (*TOKEN_COMMANDS, "-h", "--help"):
        return [*argv[: i + 1], "issue", *argv[i + 1 :]]
    return argv


def _token(a: argparse.Namespace, store: GraphStore) -> str:
    now = datetime.now(UTC)
    ledger = ledger_for(store, a.ledger)
    try:
        tokens = Tokens(ledger, store, lambda: now)
        if a.token == "issue":
            return tokens.issue(a.name, a.role, a.body, a.days)
        if a.token == "revoke":
            r = tokens.revoke(a.name)
            return f"revoked {r.name} ({r.role}) at {r.revoked_at:%Y-%m-%d %H:%M:%S %Z}"
        rows = [f"{'name':<28} {'role':<10} {'body':<28} {'status':<8} expires / revoked / last used (UTC)"]
        for r in tokens.list():
            times = " / ".join(
                f"{t:%Y-%m-%d %H:%M}" if t else "-" for t in (r.expires_at, r.revoked_at, r.last_used_at)
            )
            rows.append(f"{r.name:<28} {r.role:<10} {r.body or '-':<28} {r.status(now):<8} {times}")
        return "\n".join(rows)
    finally:
        ledger.close()


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # the reader of the output went away (whistlegraph rules | head): nothing more to say, and no traceback;
        # stdout goes to /dev/null so that the interpreter's final flush does not fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv: list[str] | None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for n, arg in enumerate(args, 1):
        fault = text_fault(arg)  # a byte that is not UTF-8 reaches Python as half a surrogate pair
        if fault:
            print(f"whistlegraph: error: argument {n} ({arg!r}): {fault}", file=sys.stderr)
            return 2
    a = _parser().parse_args(_issue_by_default(args))
    if a.command in sync_cli.COMMANDS:
        return sync_cli.run(a)
    if a.command == "rules":
        print("\n".join(f"{r.name}\n    {r.basis}" for r in RULES.values()))
        return 0
    if a.command == "extract" and not a.diff:
        try:
            sys.stdout.write(extract_cmd.csv_text(a.text, a.code, a.data))
        except ArgumentError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        return 0
    try:
        started = time.perf_counter()
        to_stderr = (lambda note: print(note, file=sys.stderr)) if a.command == "serve" else None
        store = open_store(a.store, a.db, seed=a.command != "load", report=to_stderr)
        if a.command == "load":
            report = load_dataset(store, a.data)
            print(f"loaded {a.data} in {time.perf_counter() - started:.2f} s: {report}")
            print(_stats(store))
        elif a.command == "token":
            print(_token(a, store))
        elif a.command == "stats":
            print(_stats(store))
        elif a.command == "export":
            _export(store, a)
        elif a.command == "extract":
            print(extract_cmd.diff(a.text, store, a.code, a.data))
        elif a.command == "serve":
            from api.server import run

            run(a.host, a.port, store)
        else:
            print(_ask(Domain(store), a))
    except LoadFailed as err:
        print(err, file=sys.stderr)
        return 1
    except (ArgumentError, Forbidden) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
