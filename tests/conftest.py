"""Shared fixtures: small Sphinx test roots under tests/roots/, and the seed site built once."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp

# Sphinx colours its messages when CI=true; the tests read them as plain text.
os.environ["NO_COLOR"] = "1"

ROOT = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).parent / "roots"


def pytest_addoption(parser):
    parser.addoption("--fuzz-runs", type=int, default=40,
                     help="sites the fuzz test builds (tests/test_fuzz.py)")
    parser.addoption("--fuzz-seed", type=int, default=0, help="the fuzz test's first seed")


@pytest.fixture(scope="module")
def build_root(tmp_path_factory):
    """Build a copy of ``tests/roots/test-NAME`` once per module: ``build_root(NAME, builder)``."""
    apps = []

    def build(name: str, builder: str = "html", **kwargs) -> SphinxTestApp:
        src = tmp_path_factory.mktemp(name) / "src"
        shutil.copytree(ROOTS / f"test-{name}", src)
        app = SphinxTestApp(builder, srcdir=src, freshenv=True, **kwargs)
        apps.append(app)
        app.build()
        return app

    yield build
    for app in apps:
        app.cleanup()


def build_app(src: Path, builder: str = "html", **kwargs) -> SphinxTestApp:
    """Build the project *src* with a test app (keyword arguments as SphinxTestApp's; its
    saved environment is reused unless ``freshenv=True``), cleaned up however the build ends."""
    app = SphinxTestApp(builder, srcdir=src, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def has_warning(warnings: str, where: str, subtype: str, words: str) -> bool:
    """Whether the log *warnings* has one at *where* (``file:line``) of type
    ``portfolio.<subtype>`` that says *words*."""
    return re.search(rf"{re.escape(where)}: WARNING: [^\n]*{re.escape(words)}[^\n]*"
                     rf"\[portfolio\.{subtype}\]", warnings) is not None


def html(app, page: str = "index") -> BeautifulSoup:
    """Parse a page the test app wrote."""
    return BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf-8"), "html.parser")


def text(app, page: str = "index") -> str:
    return (Path(app.outdir) / f"{page}.txt").read_text("utf-8")


def copy_site(dest: Path) -> Path:
    """A copy of the project's own site (conf.py, refs.bib, docs/), so builds never touch it."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "conf.py", dest / "conf.py")
    shutil.copy(ROOT / "refs.bib", dest / "refs.bib")
    shutil.copytree(ROOT / "docs", dest / "docs")
    return dest


def sphinx_build(args: list[str], cwd: Path, own_process: bool = False,
                 timeout: float | None = None) -> subprocess.CompletedProcess:
    """``sphinx-build ARGS`` run in *cwd*, as the command would: its exit code and output.

    It runs in this process (the interpreter and Sphinx load once for all the tests' builds),
    or with *own_process* in a process of its own: a site with its own copy of the extension
    (``_ext/``, which its conf.py puts on ``sys.path``) is built by that copy only there, and
    a build that might hang is stopped after *timeout* seconds."""
    if own_process:
        return subprocess.run([sys.executable, "-m", "sphinx", *args], capture_output=True,
                              text=True, cwd=cwd, check=False, timeout=timeout)
    out, err = io.StringIO(), io.StringIO()
    path = list(sys.path)
    try:
        with contextlib.chdir(cwd), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):
            code = build_main(args)
    finally:
        sys.path[:] = path  # a conf.py may add its folders
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def build_site(site: Path, builder: str, *extra: str,
               own_process: bool = False) -> subprocess.CompletedProcess:
    """Run the README's build command for *builder*; return the finished process."""
    out = site / "_build" / builder
    return sphinx_build(["-W", "--keep-going", "-b", builder, "-c", str(site), *extra,
                         str(site / "docs"), str(out)], site, own_process)


def build_guide(site: Path, builder: str = "html") -> subprocess.CompletedProcess:
    """Build the guide (``docs/template``, a Sphinx project of its own) of a copied site, as the
    README says, into ``_build/guide``."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", builder,
         str(site / "docs" / "template"), str(site / "_build" / "guide")],
        capture_output=True, text=True, cwd=site, check=False)


@pytest.fixture(scope="session")
def guide_site(tmp_path_factory) -> Path:
    """The guide to this project built on its own, zero warnings required; its HTML is in
    ``_build/guide``."""
    site = copy_site(tmp_path_factory.mktemp("guide"))
    result = build_guide(site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seed site built with html and text builders, zero warnings required."""
    site = copy_site(tmp_path_factory.mktemp("seed"))
    for builder in ("html", "text"):
        result = build_site(site, builder)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
    return site
