"""``portfolio serve``: serves a new site on 127.0.0.1, rebuilds when refs.bib, a data file or
conf.py changes, injects the reload script, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import contextlib
import http.client
import io
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from portfolio.cli.main import main
from portfolio.cli.serve import free_port

#: How long a rebuild may take on a busy 2-core machine before the test gives up.
WAIT = 60


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, server: subprocess.Popen) -> float:
    """Seconds until *url* serves a page holding *text*."""
    start = time.monotonic()
    while time.monotonic() - start < WAIT:
        assert server.poll() is None, server.communicate()[0]
        try:
            if text in fetch(url):
                return time.monotonic() - start
        except (OSError, http.client.HTTPException):  # not up yet, or a page being rewritten
            pass
        time.sleep(0.2)
    pytest.fail(f"{url} did not show {text!r} within {WAIT} s")


@pytest.fixture
def served(tmp_path):
    site = tmp_path / "site"
    assert main(["new", str(site)], stdout=io.StringIO()) == 0
    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).parent / "portfolio"), "serve", str(site),
                               "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        yield site, f"http://127.0.0.1:{port}/", server
    finally:
        # The whole group: the builder's worker processes outlive a killed server and keep
        # its output open, so reading it to the end would wait for ever.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.communicate(timeout=30)


@pytest.mark.slow
def test_serve_rebuilds_on_every_kind_of_edit_and_stops_on_ctrl_c(served):
    site, base, server = served
    page = base + "publications.html"
    wait_for(page, "An Example Paper: Replace This Entry", server)
    assert "/websocket-reload" in fetch(page)  # the script that reloads the browser

    bib = site / "refs.bib"
    bib.write_text(bib.read_text("utf-8").replace("An Example Paper", "An Edited Paper"), "utf-8")
    seconds = wait_for(page, "An Edited Paper: Replace This Entry", server)
    print(f"refs.bib edit served after {seconds:.1f} s")

    teaching = site / "docs/_data/teaching.yaml"
    teaching.write_text(teaching.read_text("utf-8").replace("An Example Course", "A Changed Course"),
                        "utf-8")
    wait_for(base + "teaching.html", "A Changed Course", server)

    conf = site / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace("html_title = 'Your Name'",
                                                    "html_title = 'A Changed Title'"), "utf-8")
    wait_for(base + "index.html", "A Changed Title", server)

    server.send_signal(signal.SIGINT)
    output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert f"Serving {site} at {base}" in output
    assert "Traceback" not in output and "Stopped." in output
    assert not (site / "_build/html/.doctrees").exists()


def test_serve_needs_a_site(tmp_path):
    err = io.StringIO()
    assert main(["serve", str(tmp_path)], stdout=io.StringIO(), stderr=err) == 2
    assert "no conf.py" in err.getvalue()
