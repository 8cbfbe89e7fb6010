"""Every Cypher statement the Neo4j store and ledger can send passes Neo4j's own parser and semantic analysis.

ArcadeDB runs the Bolt tests but accepts things Neo4j 5 rejects, so each statement is also
linted offline by npm @neo4j-cypher/language-support (tools/cypher_lint.mjs) as Cypher 5 and
Cypher 25, against the labels, relationship types and property keys the model, the bundled
data and the whistle ledger (whistles/ledger_neo4j.py) declare: a typo'd name, a deprecation or an
unknown function fails the build.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from graph import history_neo4j, neo4j_store
from graph.model import EDGE_ENDS, Batch
from graph.vocabulary import EdgeType, Label
from whistles import ledger_neo4j as neo4j_ledger

ROOT = Path(__file__).resolve().parent.parent
LINTER = ROOT / "tools" / "cypher_lint.mjs"
PACKAGE = ROOT / "node_modules" / "@neo4j-cypher" / "language-support"
VERSIONS = ("CYPHER 5", "CYPHER 25")
MODULES = (neo4j_store, neo4j_ledger, history_neo4j)  # each lists its statements with all_statements()

# Mistakes the linter must catch, so that a silent linter cannot pass the clean-statements test.
CANARIES = {
    "typo'd label": "MATCH (n:Aera {id: $id}) RETURN n.name AS name",
    "typo'd property": "MATCH (n:Area {id: $id}) RETURN n.nmae AS name",
    "typo'd relationship type": "MATCH (:Area {id: $id})-[:PART_0F]->(b:Area) RETURN b.name AS name",
    "edge the model does not allow": "MATCH (a:Area)-[:GOVERNS]->(:Body) RETURN a.name AS name",
    "typo'd ledger label": "MATCH (w:Whistel {id: $id}) RETURN w.status AS status",
    "ledger edge the layout does not have": "MATCH (w:Whistle)-[:CALLED]->(:Duty) RETURN w.id AS id",
    "deprecated id()": "MATCH (n:Area) RETURN id(n) AS i",
    "deprecated importing WITH": "MATCH (n:Area) CALL { WITH n RETURN n.name AS name } RETURN name",
    "removed exists(property)": "MATCH (n:Area) WHERE exists(n.name) RETURN n.id AS id",
    "APOC, not built in": "RETURN apoc.text.join(['a', 'b'], ',') AS s",
    "unknown function": "RETURN toStrng(1) AS s",
    "undefined variable": "MATCH (n:Area) RETURN m.name AS name",
    "syntax error": "MATCH (n:Area RETURN n",
}


def _short(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[-1]


def _statements() -> dict[str, str]:
    """What the modules say they can send, as `module.NAME`."""
    return {f"{_short(m)}.{name}": q for m in MODULES for name, q in m.all_statements().items()}


def _statement_constants() -> dict[str, list[str]]:
    """Every public upper-case constant of the modules that holds Cypher, as found by looking."""
    cypher = re.compile(r"\b(MATCH|RETURN|MERGE|CREATE|UNWIND)\b")
    found: dict[str, list[str]] = {}
    for module in MODULES:
        for name, value in vars(module).items():
            if name.startswith("_") or not name.isupper():  # _FRAGMENTS are parts of statements
                continue
            values = value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else [value]
            texts = [v for v in values if isinstance(v, str) and cypher.search(v)]
            if texts:
                found[f"{_short(module)}.{name}"] = texts
    return found


@pytest.fixture(scope="module")
def schema(bundled_batch: Batch) -> dict[str, Any]:
    keys = {"id", "key", *neo4j_store.ROW_FIELDS, *neo4j_ledger.LEDGER_PROPERTY_KEYS, *neo4j_ledger.ROW_FIELDS}
    keys |= {*history_neo4j.HISTORY_PROPERTY_KEYS, *history_neo4j.ROW_FIELDS}
    keys |= {k for record in (*bundled_batch.nodes, *bundled_batch.edges) for k in record.props}
    ends = {**EDGE_ENDS, **neo4j_ledger.LEDGER_EDGE_ENDS}
    return {
        "labels": [*Label, *neo4j_ledger.LEDGER_LABELS, *history_neo4j.HISTORY_LABELS],
        "relationshipTypes": [*EdgeType, *neo4j_ledger.LEDGER_EDGE_ENDS],
        "propertyKeys": sorted(keys),
        "graphSchema": [
            {"from": src, "to": tgt, "relType": type_}
            for type_, (sources, targets) in ends.items()
            for src in sorted(sources)
            for tgt in sorted(targets)
        ],
    }


@pytest.fixture(scope="module")
def lint(schema: dict[str, Any]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Diagnostics by Cypher version, then by statement name (store statements and canaries)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the Cypher lint needs Node.js; run ./dev setup")
    if not PACKAGE.is_dir():
        pytest.fail(f"{PACKAGE.relative_to(ROOT)} is missing: run ./dev setup (npm ci installs the Cypher linter)")
    named = {**_statements(), **{f"canary: {k}": q for k, q in CANARIES.items()}}
    runs = {}
    for version in VERSIONS:  # one process per version, in parallel: each takes ~30 s
        payload = json.dumps({"queries": list(named.values()), "schema": schema, "cypherVersions": [version]})
        process = subprocess.Popen(
            [node, str(LINTER)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        runs[version] = (process, payload)
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for version, (process, payload) in runs.items():
        stdout, stderr = process.communicate(payload, timeout=900)
        if process.returncode != 0:
            pytest.fail(
                f"tools/cypher_lint.mjs failed ({process.returncode}); run ./dev setup if it cannot load:\n{stderr}"
            )
        results = json.loads(stdout)["results"]
        out[version] = {name: r["diagnostics"] for name, r in zip(named, results, strict=True)}
    return out


def test_every_statement_is_linted() -> None:
    linted = set(_statements().values())
    missing = {name: q for name, qs in _statement_constants().items() for q in qs if q not in linted}
    assert not missing, f"statements that all_statements() does not list, so the linter never sees: {missing}"


@pytest.mark.parametrize("version", VERSIONS)
def test_statements_lint_clean(lint: dict[str, dict[str, list[dict[str, Any]]]], version: str) -> None:
    found = {
        name: diagnostics
        for name, diagnostics in lint[version].items()
        if not name.startswith("canary: ") and diagnostics
    }
    assert not found, "\n\n".join(
        f"{name}:\n{_statements()[name]}\n-> " + json.dumps(d, ensure_ascii=False, indent=1)
        for name, d in found.items()
    )


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("canary", CANARIES)
def test_linter_catches(lint: dict[str, dict[str, list[dict[str, Any]]]], version: str, canary: str) -> None:
    assert lint[version][f"canary: {canary}"], f"the linter did not flag {CANARIES[canary]!r}"
