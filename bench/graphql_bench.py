"""What GraphQL costs over calling the domain directly, and what one query can do to the others, in one run.

Part 1. Serves the GraphQL app as `whistlegraph serve` does (one uvicorn process, its lifespan forking the
worker processes for dear queries, the answer cache on), a bare FastAPI JSON endpoint (domain.responders
serialised with dataclasses.asdict) and a strawberry endpoint with a trivial resolver (the same caches
and limits), each in its own process on loopback, drives each with `wrk -t2 -c8 --latency`, and prints
req/s, p50/p99 and the ratios: the example `responders` query against the trivial strawberry endpoint
(goal: at least 50%) and against bare. GraphQL is driven with the GraphiQL example query (what a client
asks; answered from the answer cache after the first time), the same with the cache off (every request
executed: in the worker process, since the example is priced over the cheap threshold), and a query
selecting every field the bare endpoint returns (about 2,300 values, where graphql-core's per-value cost
shows).

Part 2. Isolation: a cheap `area` query's p99 (wrk -c1) alone, then while 16 clients send the dearest
query the budget admits (goal: within 5x); and the issue's attack query's price and refusal.

Part 3. In-process execution with and without the parser/validation caches.
Bounded: seven wrk runs of --duration seconds plus ~20 s.

    .venv/bin/python bench/graphql_bench.py [--duration 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import httpx
import strawberry
import uvicorn
from fastapi import FastAPI, Request, Response
from graphql import parse
from strawberry.fastapi import GraphQLRouter

from bench.bundled import bundled_domain

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.app import EXAMPLE_QUERY, create_app  # noqa: E402
from api.gate import Limits  # noqa: E402
from graph.answers import WhistleInput  # noqa: E402
from graph.domain import Domain  # noqa: E402
from schema import Schema, build_schema  # noqa: E402
from schema.context import Context  # noqa: E402
from schema.cost import DEFAULT_BUDGET, operation_of, price  # noqa: E402
from schema.extensions import production_extensions  # noqa: E402

WHISTLE = {"place": "110107001", "subject": "养犬", "urgency": "URGENT"}
# Everything the bare endpoint returns, selected through GraphQL.
REF = "id label name kind provenance { kind source rule evidence }"
DUTY = "id regulation article clause text domain whistleSubject role holderKind quote penalty note citation"
PATH = f"path {{ text hops {{ source {{ {REF} }} type target {{ {REF} }} detail }} }}"
QUERY = f"""query($w: WhistleInput!) {{ responders(whistle: $w) {{
  whistle {{ place subject urgency asOf }}
  place {{ {REF} }}
  subject {{ subject how duties {{ duty {{ {DUTY} }} how score }} }}
  responders {{ rank tier body {{ {REF} }} role why notifyNow
    reasons {{ duty {{ {DUTY} }} role holderKind score delegated {PATH} }} {PATH} }}
  unresolved {{ role duty {{ id }} holderKind holderKindName level body {{ id }} resolution delegated score {PATH} }}
  notes
}} }}"""
SMALL_QUERY = '{ area(code: "110101001") { name level parent { name } } }'
JSON = {"Content-Type": "application/json"}
GOAL = 0.5  # the example query's throughput against a trivial strawberry resolver's
ISOLATION_GOAL = 5.0  # a cheap query's p99 under dear load, against its idle p99
CHEAP_QUERY = '{ area(code: "110107001") { name } }'
# The attack: within every older limit, 100 x 100 x 100 objects.
ATTACK = """{ bodies(first: 100) { edges { node { id responsibilities(first: 100) { edges { node {
  holderKind { id bodies(first: 100) { edges { node { id name } } } } } } } } } } }"""
DEAR_SHAPE = "{{ ALIAS: bodies(first: 100) {{ edges {{ node {{ id name responsibilities(first: {n}) {{ edges {{ node {{ duty {{ id citation }} role }} }} }} }} }} }} }}"


def cost_of(query: str) -> int:
    document = parse(query)
    return price(build_schema()._schema, document, operation_of(document, None))


def dearest_query(budget: int = DEFAULT_BUDGET) -> tuple[str, int]:
    """The DEAR_SHAPE query with the largest inner page the budget admits, and its price."""
    fits = [(cost_of(DEAR_SHAPE.format(n=n)), n) for n in range(1, 101)]
    cost, n = max(c for c in fits if c[0] <= budget)
    return DEAR_SHAPE.format(n=n), cost


def trivial_app() -> FastAPI:
    """The yardstick: strawberry with one trivial resolver, the same extensions (caches, limits), one worker."""

    @strawberry.type
    class Query:
        @strawberry.field
        def hello(self) -> str:
            return "world"

    app = FastAPI()
    schema = strawberry.Schema(query=Query, extensions=production_extensions())
    app.include_router(GraphQLRouter(schema, graphql_ide=None), prefix="/graphql")
    return app


def bare_app(domain: Domain) -> FastAPI:
    """The baseline: the same domain call, JSON-encoded the same way strawberry does (json.dumps)."""
    app = FastAPI()

    @app.post("/responders")
    async def responders(request: Request) -> Response:
        body = await request.json()
        answer = domain.responders(WhistleInput(body["place"], body["subject"], body["urgency"].lower()))
        return Response(json.dumps(asdict(answer), ensure_ascii=False), media_type="application/json")

    return app


def _serve(app: FastAPI, sock: socket.socket) -> None:
    # lifespan on, as `whistlegraph serve` runs: the GraphQL app forks its query workers there.
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")).run(sockets=[sock])


@contextmanager
def served(app: FastAPI) -> Iterator[str]:
    """Serve in a forked process (it inherits the loaded domain) on a free loopback port."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    # Not a daemon: the GraphQL app forks its query workers, which a daemonic process may not.
    proc = multiprocessing.get_context("fork").Process(target=_serve, args=(app, sock))
    proc.start()
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or not proc.is_alive():
                    raise RuntimeError("server did not start") from None
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        proc.join(10)
        sock.close()


def wrk(url: str, body: str, duration: int, workdir: Path, clients: int = 8) -> dict[str, float]:
    return _parse_wrk(
        subprocess.run(
            _wrk_cmd(url, body, duration, workdir, clients),
            capture_output=True,
            text=True,
            timeout=duration + 30,
            check=True,
        ).stdout
    )


def _wrk_cmd(url: str, body: str, duration: int, workdir: Path, clients: int) -> list[str]:
    """wrk POSTing `body`; an ALIAS in it becomes a new alias on every request (no cache can answer them)."""
    script = workdir / f"post{clients}-{abs(hash(body))}.lua"
    lua = f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[{body}]==]\n'
    if "ALIAS" in body:
        lua += (
            "local threads = 0\n"
            'setup = function(thread) threads = threads + 1; thread:set("tid", threads) end\n'
            "counter = 0\n"
            "request = function()\n"
            "  counter = counter + 1\n"
            '  return wrk.format(nil, nil, nil, string.gsub(wrk.body, "ALIAS", "a" .. tid .. "x" .. counter))\n'
            "end\n"
        )
    script.write_text(lua, encoding="utf-8")
    threads = f"-t{min(2, clients)}"
    # wrk's own timeout above the server's wall-clock limit: a slow answer is measured, not dropped.
    return ["wrk", threads, f"-c{clients}", f"-d{duration}s", "--timeout", "11s", "--latency", "-s", str(script), url]


def under_load(
    url: str, cheap: str, dear: str, duration: int, workdir: Path
) -> tuple[dict[str, float], dict[str, float]]:
    """The cheap query's figures (one client) while 16 clients send the dear one, both for `duration`."""
    loader = subprocess.Popen(_wrk_cmd(url, dear, duration + 2, workdir, 16), stdout=subprocess.PIPE, text=True)
    time.sleep(1.0)  # the dear load is running before the cheap query is measured
    cheap_out = subprocess.run(
        _wrk_cmd(url, cheap, duration, workdir, 1), capture_output=True, text=True, timeout=duration + 30, check=True
    ).stdout
    dear_out, _ = loader.communicate(timeout=duration + 60)
    return _parse_wrk(cheap_out), _parse_wrk(dear_out, allow_errors=True)


def _parse_wrk(out: str, allow_errors: bool = False) -> dict[str, float]:
    if not allow_errors and ("Non-2xx" in out or "Socket errors" in out):
        raise RuntimeError(f"wrk saw failed requests:\n{out}")
    failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "failed": float(failed.group(1)) if failed else 0.0,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def check_same_answer(graphql_base: str, bare_base: str, bodies: dict[str, str]) -> int:
    """Every endpoint must give the same responders before their speed is worth comparing."""
    bare = httpx.post(f"{bare_base}/responders", content=bodies["bare"]).json()
    want = [(r["rank"], r["body"]["id"]) for r in bare["responders"]]
    for name in ("example", "full"):
        got = httpx.post(f"{graphql_base}/graphql", content=bodies[name], headers=JSON).json()
        assert "errors" not in got, got
        assert [(r["rank"], r["body"]["id"]) for r in got["data"]["responders"]["responders"]] == want, name
    return len(want)


def _p50_ms(runs: int, fn: Callable[..., object], *args: object) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(*args)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def in_process(domain: Domain, runs: int) -> list[tuple[str, float, float]]:
    """p50 ms of the bare path, and of the small and the full query without and with the caches."""
    loop = asyncio.new_event_loop()

    def execute(schema: Schema, query: str, variables: dict | None) -> None:
        result = loop.run_until_complete(
            schema.execute(query, variable_values=variables, context_value=Context(domain))
        )
        assert not result.errors, result.errors

    def bare(whistle: WhistleInput) -> str:
        return json.dumps(asdict(domain.responders(whistle)))

    whistle = WhistleInput(WHISTLE["place"], WHISTLE["subject"], WHISTLE["urgency"].lower())
    bare_ms = _p50_ms(runs, bare, whistle)
    rows = [("bare: domain + asdict + json", bare_ms, bare_ms)]
    uncached, cached = build_schema(caches=False), build_schema()
    for name, query, variables in (("small lookup", SMALL_QUERY, None), ("full responders", QUERY, {"w": WHISTLE})):
        without = _p50_ms(runs, execute, uncached, query, variables)
        rows.append((name, without, _p50_ms(runs, execute, cached, query, variables)))
    loop.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--runs", type=int, default=300, help="in-process executions per figure (default 300)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: run ./dev setup (it installs the Debian wrk package)")

    domain = bundled_domain()
    dear, dear_cost = dearest_query()
    bodies = {
        "example": json.dumps({"query": EXAMPLE_QUERY}, ensure_ascii=False),
        "full": json.dumps({"query": QUERY, "variables": {"w": WHISTLE}}, ensure_ascii=False),
        "bare": json.dumps(WHISTLE, ensure_ascii=False),
        "trivial": json.dumps({"query": "{ hello }"}),
        "cheap": json.dumps({"query": CHEAP_QUERY}, ensure_ascii=False),
        "dear": json.dumps({"query": dear}, ensure_ascii=False),  # each request a new alias: never cached
    }
    served_like_production = Limits.from_env({})  # the defaults `whistlegraph serve` uses
    no_cache = Limits(served_like_production.budget, served_like_production.seconds, served_like_production.workers, 0)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with served(create_app(domain, graphiql=False)) as g, served(bare_app(domain)) as b:
            count = check_same_answer(g, b, bodies)
        with served(trivial_app()) as t:
            results["strawberry, trivial resolver"] = wrk(f"{t}/graphql", bodies["trivial"], args.duration, work)
        with served(create_app(domain, graphiql=False, limits=served_like_production)) as g:
            results["GraphQL, example, cache"] = wrk(f"{g}/graphql", bodies["example"], args.duration, work)
            results["GraphQL, every field, cache"] = wrk(f"{g}/graphql", bodies["full"], args.duration, work)
            alone = httpx.post(
                f"{g}/graphql", content=bodies["dear"].replace("ALIAS", "first"), headers=JSON, timeout=60
            )
            started = time.perf_counter()
            again = bodies["dear"].replace("ALIAS", "second")
            httpx.post(f"{g}/graphql", content=again, headers=JSON, timeout=60).raise_for_status()
            dear_ms = (time.perf_counter() - started) * 1000
            refusal = httpx.post(f"{g}/graphql", json={"query": ATTACK}, timeout=60)
            idle = wrk(f"{g}/graphql", bodies["cheap"], args.duration, work, clients=1)
            loaded, dear_load = under_load(f"{g}/graphql", bodies["cheap"], bodies["dear"], args.duration, work)
        with served(create_app(domain, graphiql=False, limits=no_cache)) as g:
            results["GraphQL, example, no cache"] = wrk(f"{g}/graphql", bodies["example"], args.duration, work)
        with served(bare_app(domain)) as b:
            results["bare FastAPI /responders"] = wrk(f"{b}/responders", bodies["bare"], args.duration, work)
    assert alone.status_code == 200 and "errors" not in alone.json(), alone.text[:300]

    print(f"responders for {WHISTLE} ({count} responders); wrk -t2 -c8 -d{args.duration}s --latency, loopback")
    print(f"server as served: one uvicorn process, {served_like_production.workers} query worker(s), answer cache on")
    bare_rps = results["bare FastAPI /responders"]["rps"]
    trivial_rps = results["strawberry, trivial resolver"]["rps"]
    print(f"{'endpoint':<30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs trivial':>10} {'vs bare':>8}")
    for name, r in results.items():
        print(
            f"{name:<30} {r['rps']:>9.1f} {r['p50']:>8.2f} {r['p99']:>8.2f} "
            f"{r['rps'] / trivial_rps:>10.0%} {r['rps'] / bare_rps:>8.0%}"
        )
    ratio = results["GraphQL, example, cache"]["rps"] / trivial_rps
    print(
        f"goal: example query >= {GOAL:.0%} of the trivial strawberry endpoint: {ratio:.0%}, {'met' if ratio >= GOAL else 'NOT met'}"
    )

    print(
        f"\nisolation: {CHEAP_QUERY} with wrk -c1, idle and while 16 clients send the dearest query within the budget"
    )
    print(
        f"  dearest query: priced {dear_cost} of {DEFAULT_BUDGET}, {dear_ms:.0f} ms alone; under load {dear_load['rps']:.1f} req/s, p99 {dear_load['p99']:.0f} ms, {dear_load['failed']:.0f} refused"
    )
    print(f"  cheap query idle:  p50 {idle['p50']:.2f} ms, p99 {idle['p99']:.2f} ms")
    print(f"  cheap query load:  p50 {loaded['p50']:.2f} ms, p99 {loaded['p99']:.2f} ms")
    growth = loaded["p99"] / idle["p99"]
    print(
        f"goal: loaded p99 <= {ISOLATION_GOAL:g}x idle p99: {growth:.1f}x, {'met' if growth <= ISOLATION_GOAL else 'NOT met'}"
    )
    error = refusal.json()["errors"][0]
    print(f"the issue's attack query: HTTP {refusal.status_code} {error['extensions']['code']}: {error['message']}")

    print(f"\nin-process schema.execute, p50 of {args.runs} runs")
    print(f"{'query':<30} {'no caches ms':>13} {'caches ms':>10}")
    for name, uncached, cached in in_process(domain, args.runs):
        print(f"{name:<30} {uncached:>13.3f} {cached:>10.3f}")


if __name__ == "__main__":
    main()
