"""Serve a built site on 127.0.0.1 and drive Debian's headless Chromium with Playwright.

Tests only. The browser is the system's ``/usr/bin/chromium`` (Playwright never downloads one);
axe-core comes from the npm registry through ``tests/e2e/package-lock.json`` (``npm ci`` once).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
E2E = Path(__file__).parent / "e2e"
AXE = E2E / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def install_axe() -> Path:
    """``npm ci`` in tests/e2e unless axe-core is already there; the path of axe.min.js."""
    if not AXE.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed for axe-core (the browser tests' accessibility checker)"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=E2E,
                       check=True, capture_output=True)
    return AXE


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@dataclass
class Server:
    """A static file server on 127.0.0.1 for *root*, on a free port."""

    root: Path
    httpd: ThreadingHTTPServer = field(init=False)

    def __post_init__(self):
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class PageProblems:
    """What went wrong while a page loaded: console errors, script errors, failed requests."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.console.append(
            f"{m.text} ({m.location.get('url', '')})"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.requests.append(f"{r.url}: {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.requests.append(
            f"{r.url}: HTTP {r.status}"))

    def all(self) -> list[str]:
        return self.console + self.errors + self.requests
