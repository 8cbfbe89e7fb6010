"""Exports read back with networkx's own readers give the same nodes, edges and attributes; GraphML and GEXF
pass their XML schemas (tests/schemas, with their sources); the CLI and /export serve the same bytes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import httpx
import networkx as nx
import pytest
from lxml import etree  # type: ignore[import-untyped]

from api.app import create_app
from graph.domain import Domain
from graph.embedded import EmbeddedStore
from graph.errors import ArgumentError
from graph.export import FORMATS, Exported, edge_attrs, node_attrs, pair_key, select, selection
from graph.model import Scalar
from graph.store import GraphStore
from graph.vocabulary import EdgeType, Label, Line
from tests.http_server import serve

SCHEMAS = Path(__file__).resolve().parent / "schemas"
REPO = Path(__file__).resolve().parent.parent


def _text(g: Exported, fmt: str) -> str:
    return "".join(FORMATS[fmt].write(g))


def _schema(name: str) -> etree.XMLSchema:
    path = {"graphml": SCHEMAS / "graphml" / "graphml.xsd", "gexf": SCHEMAS / "gexf-1.3" / "gexf.xsd"}[name]
    return etree.XMLSchema(etree.parse(str(path)))


def _assert_valid(name: str, text: str) -> None:
    schema = _schema(name)
    ok = schema.validate(etree.fromstring(text.encode("utf-8")))
    assert ok, f"{name} fails its schema: {[str(e) for e in list(schema.error_log)[:5]]}"


def _plain(attrs: dict[str, Scalar]) -> dict[str, object]:
    """What a reader without typed lists gives back: lists as the JSON text the export wrote."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in attrs.items()}


@pytest.fixture(scope="module")
def district(embedded_store: EmbeddedStore) -> Exported:
    """石景山区 three hops down: streets, communities, the bodies governing them, their kinds, sunk teams."""
    return select(embedded_store, selection(embedded_store, root="110107", depth=3))


def test_the_walk_reaches_down_the_structure(district: Exported) -> None:
    ids = {n.id for n in district.nodes}
    assert {"110107", "110107001", "gov:110107", "st:110107001"} <= ids
    assert "team:sjs-street-centres:110107001:公安" in ids, "a stationed unit in 八宝山 is below the district"
    assert not any(n.id.startswith("110108") for n in district.nodes), "a walk down never reaches 海淀"
    assert all(n.get("provenance") and n.get("source") for n in district.nodes)
    assert all(e.get("provenance") and e.get("source") for e in district.edges)
    assert {e.source for e in district.edges} | {e.target for e in district.edges} <= ids


def test_graphml_is_valid_and_reads_back_the_same(district: Exported) -> None:
    text = _text(district, "graphml")
    _assert_valid("graphml", text)
    g = nx.read_graphml(io.BytesIO(text.encode()))
    assert set(g.nodes) == {n.id for n in district.nodes}
    for n in district.nodes:
        assert g.nodes[n.id] == _plain(node_attrs(n)), n.id
    read = {(s, t, d["key"]): d for s, t, d in g.edges(data=True)}
    assert read == {(e.source, e.target, pair_key(e)): _plain(edge_attrs(e)) for e in district.edges}


def test_gexf_is_valid_with_validity_as_spells_and_reads_back(district: Exported) -> None:
    text = _text(district, "gexf")
    _assert_valid("gexf", text)
    g = nx.read_gexf(io.BytesIO(text.encode()), version="1.3")
    assert set(g.nodes) == {n.id for n in district.nodes}
    team = "enf:110107001"
    assert g.nodes[team]["label"] == "八宝山街道综合行政执法队", "Gephi shows the name"
    # networkx reads an open end as the text 'None'; the spell starts on the 2020 delegation date.
    assert g.nodes[team]["spells"] == [("2020-07-01", "None")]
    for n in district.nodes:
        got = {k: v for k, v in g.nodes[n.id].items() if k not in ("label", "spells")}
        assert got == _plain(node_attrs(n)), n.id
    assert g.number_of_edges() == len(district.edges)
    for e in district.edges:
        key = "|".join((e.source, e.type, e.target, e.key))
        got = {k: v for k, v in g.get_edge_data(e.source, e.target, key).items() if k not in ("id", "spells")}
        want = _plain(edge_attrs(e))
        del want["key"]
        assert got == want, key


def test_json_formats_read_back_with_networkx(district: Exported) -> None:
    cy = nx.cytoscape_graph(json.loads(_text(district, "cytoscape")))
    nl = nx.node_link_graph(json.loads(_text(district, "node-link")), edges="edges", key="key")
    for g in (cy, nl):
        assert g.number_of_nodes() == len(district.nodes) and g.number_of_edges() == len(district.edges)
        for n in district.nodes:
            assert {k: v for k, v in g.nodes[n.id].items() if k not in ("id", "value", "name")} == {
                k: v for k, v in node_attrs(n).items() if k != "name"
            }
            assert g.nodes[n.id].get("name") == n.props.get("name")  # a few extracted duties have none
        for e in district.edges:
            # looked up by its key, which both readers keep as the edge key
            got = g.get_edge_data(e.source, e.target, pair_key(e))
            assert {k: v for k, v in got.items() if k not in ("id", "source", "target", "key")} == {
                k: v for k, v in edge_attrs(e).items() if k != "key"
            }


def test_csv_files_hold_every_node_and_edge_with_provenance(district: Exported) -> None:
    nodes = list(csv.DictReader(io.StringIO(_text(district, "csv-nodes"))))
    edges = list(csv.DictReader(io.StringIO(_text(district, "csv-edges"))))
    assert [r["id"] for r in nodes] == [n.id for n in district.nodes]
    assert len(edges) == len(district.edges)
    assert all(r["provenance"] in ("official", "reported", "derived") and r["source"] for r in nodes)
    assert all(r["provenance"] and r["source_file"] for r in edges)
    g = nx.from_edgelist(((r["source"], r["target"], r) for r in edges), create_using=nx.MultiDiGraph)
    assert g.number_of_edges() == len(district.edges)
    lines = {r["line"] for r in edges if r["type"] == EdgeType.REPORTS_TO}
    assert lines == {"administrative", "professional", "party"}


def test_labels_lines_and_as_of_cut_the_selection(embedded_store: EmbeddedStore) -> None:
    sel = selection(embedded_store, "gov:110107", 2, "Body,SunkTeam", "party", "2019-01-01")
    g = select(embedded_store, sel)
    assert {n.label for n in g.nodes} <= {Label.BODY, Label.SUNK_TEAM}
    assert {e.get("line") for e in g.edges if e.type == EdgeType.REPORTS_TO} <= {Line.PARTY}
    assert all(not n.get("valid_from") or str(n.get("valid_from")) <= "2019-01-01" for n in g.nodes)
    assert "enf:110107001" not in {n.id for n in g.nodes}, "enforcement teams date from 2020"
    with pytest.raises(ArgumentError, match="labels"):
        selection(embedded_store, labels="Area,Street")
    with pytest.raises(ArgumentError, match="root"):
        selection(embedded_store, root="gov:999999")


def test_whole_graph_graphml_is_valid_and_complete(embedded_store: EmbeddedStore) -> None:
    g = select(embedded_store, selection(embedded_store))
    counts = embedded_store.counts()
    assert len(g.nodes) == sum(counts[label] for label in Label)
    assert len(g.edges) == sum(counts[t] for t in EdgeType)
    _assert_valid("graphml", _text(g, "graphml"))


def test_cli_and_http_export_the_same_gexf(embedded_domain: Domain, tmp_path: Path) -> None:
    out = tmp_path / "shijingshan.gexf"
    args = ["export", "--format", "gexf", "--root", "110107", "--depth", "2", "--labels", "Area,Body", "-o", str(out)]
    db = tmp_path / "g.sqlite"
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "--db", str(db), *args], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "exported" in done.stderr and "as gexf" in done.stderr
    with serve(create_app(embedded_domain)) as base:
        params: dict[str, str | int] = {"format": "gexf", "root": "110107", "depth": 2, "labels": "Area,Body"}
        with httpx.stream("GET", f"{base}/export", params=params, timeout=60) as r:
            assert r.status_code == 200
            assert r.headers["content-type"].startswith("application/gexf+xml")
            assert "transfer-encoding" in r.headers, "the export is streamed, not sent with a length"
            body = r.read()
        bad = httpx.get(f"{base}/export", params={"format": "dot"})
    assert body == out.read_bytes()
    _assert_valid("gexf", body.decode())
    assert bad.status_code == 400 and bad.json()["argument"] == "format"


def test_every_store_exports_the_same_walk(store: GraphStore, embedded_store: EmbeddedStore) -> None:
    """The walk uses only the store contract (get_nodes, neighbours, all_nodes), so Neo4j exports the same."""
    sel = selection(embedded_store, root="110107001", depth=2, as_of="2024-01-01")
    assert select(store, sel) == select(embedded_store, sel)
