"""GraphiQL in headless Chromium runs a subscription over the app's WebSocket endpoint, as a user would: the
token in the Headers tab, the subscription in the editor, Execute; a whistle blown over HTTP then shows up in
the result pane."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx

from api.app import create_app
from graph.domain import Domain
from tests.cdp import Browser
from tests.http_server import issue_tokens, serve
from whistles.ledger_sqlite import Ledger
from whistles.supervision import Supervision

BUREAU = "dd:110107:bj-chengguanzhifa"  # 石景山区城管执法局
FOLLOW = f'subscription {{ whistleCalls(body: "{BUREAU}", includeUnits: false) {{ change whistle {{ id subject }} call {{ bodyId }} }} }}'
BLOW = 'mutation { blowWhistle(place: "110107001", subject: "占道经营") { id } }'
EDITORS = ".graphiql-editor:not(.hidden) .CodeMirror"
RESULT = "document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()"


def _subscriptions(base: str) -> int:
    return int(httpx.get(f"{base}/health").json()["whistles"]["subscriptions"])


def test_graphiql_subscription_hears_a_whistle(embedded_domain: Domain, tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "whistles.sqlite")
    tokens = issue_tokens(ledger, embedded_domain.store)
    app = create_app(embedded_domain, supervision=Supervision(embedded_domain, ledger))
    with serve(app) as base, Browser(tmp_path / "profile") as browser:
        browser.open(f"{base}/")
        browser.wait_for("!!document.querySelector('.graphiql-query-editor .CodeMirror')", "GraphiQL's editor")
        browser.evaluate("[...document.querySelectorAll('button')].find(b => b.innerText === 'Headers').click()")
        browser.wait_for(f"document.querySelectorAll('{EDITORS}').length === 2", "the Headers editor")
        headers = json.dumps({"Authorization": f"Bearer {tokens['admin']}"})
        browser.evaluate(f"document.querySelectorAll('{EDITORS}')[1].CodeMirror.setValue({json.dumps(headers)})")
        browser.evaluate(
            f"document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue({json.dumps(FOLLOW)})"
        )
        time.sleep(1.0)  # GraphiQL re-parses the edited query on a debounce; Execute before that runs the old one
        browser.evaluate("document.querySelector('[aria-label^=\"Execute query\"]').click()")
        deadline = time.monotonic() + 10
        while _subscriptions(base) != 1:
            pane = browser.evaluate(RESULT)
            assert time.monotonic() < deadline, f"GraphiQL opened no subscription; its result pane shows: {pane}"
            time.sleep(0.05)
        blown = httpx.post(
            f"{base}/graphql", json={"query": BLOW}, headers={"Authorization": f"Bearer {tokens['street']}"}
        )
        whistle = blown.json()["data"]["blowWhistle"]["id"]
        shown = browser.wait_for(
            f"(t => t.includes('CALLED') && t)({RESULT})",
            "the call to appear in GraphiQL's result pane",
        )
    ledger.close()
    event = json.loads(shown)["data"]["whistleCalls"]
    assert event == {"change": "CALLED", "whistle": {"id": whistle, "subject": "占道经营"}, "call": {"bodyId": BUREAU}}
