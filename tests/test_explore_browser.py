"""The /explore page in headless Chromium, driven as a planner would with keyboard and mouse: search 八宝山,
drill down to its communities, open a stationed unit's provenance, reload the shared URL, run a whistle and
check each responder's highlighted path against the API's answer. Screenshots land in the test's tmp folder
(district.png, street.png, whistle.png)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from fastapi import Request, Response

from api.app import create_app
from graph.domain import Domain
from tests.cdp import Browser
from tests.http_server import serve

STATIONED = "team:sjs-street-centres:110107001:公安"
IDLE = "explorer.busy === 0"
MAX_NODES = 300
RESPONDERS = """query($w: WhistleInput!) { responders(whistle: $w) { responders { rank body { id }
  path { hops { source { id } target { id } } } } } }"""

# Draws a string and the notdef glyph of an unassigned code point on a canvas: with no CJK font the Chinese
# glyphs come out as the same empty box, so equal pixels mean unreadable Chinese.
GLYPHS = """(() => {
  const draw = (s) => { const c = document.createElement('canvas'); c.width = 120; c.height = 40;
    const g = c.getContext('2d'); g.font = getComputedStyle(document.body).fontSize + ' ' +
    getComputedStyle(document.body).fontFamily; g.fillText(s, 4, 28); return [g.measureText(s).width,
    Array.from(g.getImageData(0, 0, 120, 40).data).join()]; };
  const [width, cjk] = draw('八'); const [, box] = draw('\\u{10FFFD}');
  const title = document.querySelector('#details h2').getBoundingClientRect().width;
  return { width, title, tofu: cjk === box };
})()"""


def _graph_point(browser: Browser, node: str) -> tuple[float, float]:
    x, y = browser.evaluate(
        f"""(() => {{ const n = explorer.cy.getElementById({node!r}); const p = n.renderedPosition();
        const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }})()"""
    )
    return x, y


def _nodes(browser: Browser) -> int:
    count = int(browser.evaluate("explorer.cy.nodes().length"))
    assert count <= MAX_NODES, f"{count} nodes on screen"
    return count


def test_explorer_drill_down_provenance_and_whistle(embedded_domain: Domain, tmp_path: Path) -> None:
    app = create_app(embedded_domain)
    posts: list[str] = []

    @app.middleware("http")
    async def count(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.method == "POST" and request.url.path == "/graphql":
            posts.append(request.url.path)
        return await call_next(request)

    with serve(app) as base, Browser(tmp_path / "profile") as browser:
        browser.open(f"{base}/explore")
        browser.wait_for(f"window.explorer && explorer.cy.nodes().length > 50 && {IDLE}", "the city to load")
        assert browser.evaluate("explorer.state.open") == ["110000"]
        assert _nodes(browser) > 16

        # Search with the keyboard: '/' focuses the box, Enter searches, Enter opens the first hit.
        browser.key("/", text="/")
        browser.type("八宝山")
        browser.key("Enter", text="\r")
        browser.wait_for("document.activeElement.dataset.id === '110107001'", "八宝山街道 as the first hit, focused")
        browser.key("Enter", text="\r")
        browser.wait_for(
            f"explorer.state.sel === '110107001' && {IDLE} && !!document.querySelector('#details h2')", "8"
        )
        assert browser.evaluate("explorer.state.open") == ["110000", "110107"]
        ids = set(browser.evaluate("explorer.cy.nodes().map(n => n.id())"))
        assert {"gov:110107", "dd:110107:bj-gongan", "110107001", "110107002"} <= ids, "石景山区 with its bodies"
        lines = set(browser.evaluate("explorer.cy.edges('.report').map(e => e.data('name'))"))
        assert {"ADMINISTRATIVE", "PROFESSIONAL"} <= lines
        browser.screenshot(tmp_path / "district.png")

        glyphs = browser.evaluate(GLYPHS)
        assert glyphs["width"] > 0 and glyphs["title"] > 0, "Chinese text has no width"
        assert not glyphs["tofu"], "Chinese renders as empty boxes: no CJK font (./dev installs fonts-noto-cjk)"

        # Enter on the selected street opens it: its communities, its bodies, the units stationed there.
        browser.evaluate("document.getElementById('graph').focus()")
        before = len(posts)
        browser.key("Enter", text="\r")
        browser.wait_for(f"explorer.state.open.includes('110107001') && {IDLE}", "八宝山街道 to open")
        assert len(posts) == before + 1, "one GraphQL request per expansion"
        ids = set(browser.evaluate("explorer.cy.nodes().map(n => n.id())"))
        communities = {i for i in ids if i.startswith("110107001") and len(i) == 12}
        assert len(communities) >= 10 and "rc:110107001003" not in ids, "communities, not yet their committees"
        assert {"st:110107001", "party:110107001", STATIONED} <= ids
        # The stationed unit hangs under both superiors: its street office and its district bureau.
        ups = browser.evaluate(
            f"explorer.cy.edges().filter(e => e.source().id() === {STATIONED!r}).map(e => [e.target().id(), e.data('name')])"
        )
        assert ["st:110107001", "ADMINISTRATIVE"] in ups and ["dd:110107:bj-gongan", "PROFESSIONAL"] in ups
        _nodes(browser)
        browser.screenshot(tmp_path / "street.png")

        # As of 2019 the street enforcement team (from 2020-07-01) is not drawn.
        assert browser.evaluate("explorer.cy.getElementById('enf:110107001').visible()")
        browser.evaluate(
            "(d => { d.value = '2019-01-01'; d.dispatchEvent(new Event('change')); })(document.getElementById('asof'))"
        )
        browser.wait_for(
            "!explorer.cy.getElementById('enf:110107001').visible()", "the 2020 team to be hidden as of 2019"
        )
        browser.evaluate(
            "(d => { d.value = ''; d.dispatchEvent(new Event('change')); })(document.getElementById('asof'))"
        )

        # A click on the unit shows its provenance.
        browser.click(*_graph_point(browser, STATIONED))
        browser.wait_for(f"explorer.state.sel === {STATIONED!r} && {IDLE}", "the unit's details")
        details = browser.evaluate("document.getElementById('details').innerText")
        assert "reported" in details and "seeds/002_053f04b1e963becc.txt" in details
        assert "8个部门下沉" in details, "the article's sentence is the evidence"
        assert "北京市公安局石景山分局" in details and "professional" in details

        # The URL holds the view: opening it again restores the open areas and the selection.
        shared = browser.evaluate("location.href")
        browser.open("about:blank")
        browser.open(shared)
        browser.wait_for(f"window.explorer && explorer.state.sel === {STATIONED!r} && {IDLE}", "the shared view")
        assert browser.evaluate("explorer.state.open") == ["110000", "110107", "110107001"]

        # 朝阳区 has 43 streets: 40 are drawn and a '+3 more' node fetches the rest; the screen stays under the cap.
        browser.evaluate("explorer.expand('110105')")
        browser.wait_for(f"explorer.state.open.includes('110105') && {IDLE}", "朝阳区 to open")
        assert browser.evaluate("explorer.cy.getElementById('more:110105').data('name')") == "+3 more"
        _nodes(browser)
        browser.evaluate("void explorer.cy.center(explorer.cy.getElementById('more:110105'))")  # a user pans to it
        browser.click(*_graph_point(browser, "more:110105"))
        browser.wait_for(f"explorer.cy.getElementById('more:110105').empty() && {IDLE}", "the other 3 streets")
        assert browser.evaluate("explorer.cy.nodes().filter(n => /^110105\\d{3}$/.test(n.id())).length") == 43
        _nodes(browser)

        # A whistle: the ordered responders, each one's path highlighted in turn.
        browser.evaluate(
            "document.getElementById('w-place').value = '110107001';"
            "document.getElementById('w-subject').value = '占道经营';"
            "document.getElementById('w-run').click()"
        )
        browser.wait_for(f"explorer.state.mode === 'whistle' && {IDLE}", "the responders")
        answer = httpx.post(
            f"{base}/graphql",
            json={"query": RESPONDERS, "variables": {"w": {"place": "110107001", "subject": "占道经营"}}},
        ).json()["data"]["responders"]["responders"]
        shown = browser.evaluate("[...document.querySelectorAll('#responders li')].map(li => li.innerText)")
        assert len(shown) == len(answer) >= 3 and shown[0].startswith("八宝山街道综合执法指挥中心·城管（常驻）")
        for rank in (1, 2):
            if rank == 2:
                browser.evaluate("document.getElementById('graph').focus()")
                browser.key("ArrowDown")
                browser.wait_for(f"explorer.state.r === 2 && {IDLE}", "the second responder")
            want = answer[rank - 1]
            lit = set(browser.evaluate("explorer.cy.nodes('.hl').map(n => n.id())"))
            ends = {want["body"]["id"]} | {h[e]["id"] for h in want["path"]["hops"] for e in ("source", "target")}
            assert lit == ends, f"responder {rank}: highlighted {lit}, path {ends}"
            edges = browser.evaluate("explorer.cy.edges('.hl').map(e => [e.source().id(), e.target().id()])")
            assert sorted(map(tuple, edges)) == sorted(
                (h["source"]["id"], h["target"]["id"]) for h in want["path"]["hops"]
            )
        browser.screenshot(tmp_path / "whistle.png")
        assert "whistle=110107001" in browser.evaluate("location.hash")

        outside = browser.evaluate(
            "performance.getEntriesByType('resource').map(r => r.name).filter(u => !u.startsWith(location.origin))"
        )
        assert outside == [], f"assets from elsewhere: {outside}"
        assert browser.errors == []
