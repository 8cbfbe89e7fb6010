"""What GraphQL costs over calling the domain directly: the same question, over HTTP, in the same run.

Serves the GraphQL app and a bare FastAPI JSON endpoint (domain.responders serialised with
dataclasses.asdict) one after the other, each in its own process with one uvicorn worker on
loopback, drives each with `wrk -t2 -c8 --latency`, and prints req/s, the ratio to bare (goal:
at least 75%) and p50/p99 latency. GraphQL is driven twice: with the GraphiQL example query (what
a client asks) and with a query selecting every field the bare endpoint returns (about 2,300
values, where graphql-core's per-value cost shows). It then times in-process execution with and
without the parser/validation caches. Bounded: three wrk runs of --duration seconds plus ~10 s.

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
import uvicorn
from fastapi import FastAPI, Request, Response

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.app import EXAMPLE_QUERY, create_app  # noqa: E402
from graph.answers import WhistleInput  # noqa: E402
from graph.domain import Domain  # noqa: E402
from graph.embedded import EmbeddedStore  # noqa: E402
from loaders.dataset import BUNDLED, read_dataset  # noqa: E402
from schema import Schema, build_schema  # noqa: E402
from schema.context import Context  # noqa: E402

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
GOAL = 0.75


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
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")).run(sockets=[sock])


@contextmanager
def served(app: FastAPI) -> Iterator[str]:
    """Serve in a forked process (it inherits the loaded domain) on a free loopback port."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    proc = multiprocessing.get_context("fork").Process(target=_serve, args=(app, sock), daemon=True)
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


def wrk(url: str, body: str, duration: int, workdir: Path) -> dict[str, float]:
    script = workdir / "post.lua"
    script.write_text(
        f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[{body}]==]\n',
        encoding="utf-8",
    )
    cmd = ["wrk", "-t2", "-c8", f"-d{duration}s", "--latency", "-s", str(script), url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 30, check=True).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"wrk saw failed requests:\n{out}")
    return {
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

    store = EmbeddedStore()
    store.apply(read_dataset(BUNDLED))
    domain = Domain(store)
    domain.refresh()
    bodies = {
        "example": json.dumps({"query": EXAMPLE_QUERY}, ensure_ascii=False),
        "full": json.dumps({"query": QUERY, "variables": {"w": WHISTLE}}, ensure_ascii=False),
        "bare": json.dumps(WHISTLE, ensure_ascii=False),
    }
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        with served(create_app(domain, graphiql=False)) as g, served(bare_app(domain)) as b:
            count = check_same_answer(g, b, bodies)
        with served(create_app(domain, graphiql=False)) as g:
            results["GraphQL, example query"] = wrk(f"{g}/graphql", bodies["example"], args.duration, Path(tmp))
            results["GraphQL, every field"] = wrk(f"{g}/graphql", bodies["full"], args.duration, Path(tmp))
        with served(bare_app(domain)) as b:
            results["bare FastAPI /responders"] = wrk(f"{b}/responders", bodies["bare"], args.duration, Path(tmp))

    print(f"responders for {WHISTLE} ({count} responders); wrk -t2 -c8 -d{args.duration}s --latency, loopback")
    bare_rps = results["bare FastAPI /responders"]["rps"]
    print(f"{'endpoint':<26} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8}")
    for name, r in results.items():
        print(f"{name:<26} {r['rps']:>9.1f} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['rps'] / bare_rps:>8.0%}")
    example = results["GraphQL, example query"]["rps"] / bare_rps
    print(f"goal: GraphQL (example query) >= {GOAL:.0%} of bare: {'met' if example >= GOAL else 'NOT met'}")

    print(f"\nin-process schema.execute, p50 of {args.runs} runs")
    print(f"{'query':<30} {'no caches ms':>13} {'caches ms':>10}")
    for name, uncached, cached in in_process(domain, args.runs):
        print(f"{name:<30} {uncached:>13.3f} {cached:>10.3f}")


if __name__ == "__main__":
    main()
