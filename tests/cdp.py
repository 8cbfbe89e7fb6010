"""Debian's headless Chromium driven over the DevTools protocol, for the browser tests.

The protocol needs nothing beyond the `websockets` package the app already uses (no chromedriver, no
selenium): start Chromium with a DevTools port, attach to its page, evaluate JavaScript, press keys and take
screenshots. A missing Chromium fails the test that needs it, naming the package to install.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import shutil
import subprocess
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from websockets.sync.client import ClientConnection, connect

CHROMIUM = "/usr/bin/chromium"
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")

# How Chromium runs here: headless, as root, and with none of its background calls out of this closed machine.
HEADLESS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium() -> str:
    found = shutil.which(CHROMIUM)
    if found is None:
        pytest.fail(f"{CHROMIUM} is missing: run ./dev setup (it installs the Debian chromium package)")
    return found


class BrowserError(AssertionError):
    """The page threw, or a wait ran out: the message says what was awaited and what the page showed."""


class Browser:
    """One headless Chromium with one page; a context manager that kills the browser on exit."""

    def __init__(self, profile: Path, width: int = 1400, height: int = 900) -> None:
        self._proc = subprocess.Popen(
            [
                chromium(),
                *HEADLESS,
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._ids = itertools.count(1)
        self._stack = ExitStack()
        self.errors: list[str] = []
        try:
            self._ws = self._attach()
            self.send("Page.enable")
            self.send("Runtime.enable")
        except BaseException:
            self._proc.kill()
            self._proc.wait(10)
            raise

    def _attach(self) -> ClientConnection:
        assert self._proc.stderr is not None
        deadline = time.monotonic() + 30
        browser_url = ""
        while not browser_url:
            line = self._proc.stderr.readline()
            if not line and self._proc.poll() is not None:
                raise BrowserError(f"chromium exited ({self._proc.returncode}) before listening")
            if time.monotonic() > deadline:
                raise BrowserError("chromium did not open its DevTools port within 30 s")
            found = _LISTENING.search(line)
            browser_url = found.group(1) if found else ""
        host = browser_url.split("/devtools/")[0].replace("ws://", "http://")
        with urllib.request.urlopen(f"{host}/json/list", timeout=10) as r:
            pages = [t for t in json.load(r) if t["type"] == "page"]
        return self._stack.enter_context(connect(pages[0]["webSocketDebuggerUrl"], max_size=None, open_timeout=10))

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        self._stack.close()
        self._proc.kill()
        self._proc.wait(10)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """One DevTools command; events that arrive meanwhile are scanned for uncaught page errors."""
        ident = next(self._ids)
        self._ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            msg = json.loads(self._ws.recv(timeout=60))
            if msg.get("method") == "Runtime.exceptionThrown":
                self.errors.append(msg["params"]["exceptionDetails"].get("exception", {}).get("description", "?"))
            if msg.get("id") == ident:
                if "error" in msg:
                    raise BrowserError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (promises awaited); a thrown error fails with its text."""
        got = self.send("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in got:
            raise BrowserError(f"{expression[:200]} threw: {got['exceptionDetails']}")
        return got["result"].get("value")

    def open(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'", what=f"{url} to load")

    def wait_for(self, expression: str, what: str, timeout: float = 15.0) -> Any:
        """Poll until the expression is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                body = self.evaluate("document.body ? document.body.innerText.slice(0, 1500) : ''")
                raise BrowserError(f"waited {timeout} s for {what}; page errors {self.errors}; page text: {body}")
            time.sleep(0.05)

    def key(self, key: str, code: str = "", text: str = "") -> None:
        """A real key press as the keyboard sends it (keydown, char, keyup) to the focused element."""
        params = {"key": key, "code": code or key, "windowsVirtualKeyCode": _VK.get(key, 0)}
        self.send("Input.dispatchKeyEvent", type="keyDown" if text else "rawKeyDown", text=text, **params)
        self.send("Input.dispatchKeyEvent", type="keyUp", **params)

    def click(self, x: float, y: float) -> None:
        """A real left click at page coordinates (what a canvas such as Cytoscape's listens to)."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def type(self, text: str) -> None:
        self.send("Input.insertText", text=text)

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path


_VK = {"Enter": 13, "Escape": 27, "Tab": 9, "ArrowDown": 40, "ArrowUp": 38, "/": 191}
