"""Packaging: ``python -m build`` makes an sdist and a wheel that ``twine check`` accepts, with
every file the extension reads; the wheel, installed in a fresh virtualenv (dependencies from
the package index), starts a new site that builds, and that site's own install command works in
another fresh virtualenv, without this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from portfolio import __version__

pytestmark = pytest.mark.slow

#: Files the extension reads at run time, which must be inside the wheel and the sdist.
DATA = ["portfolio/static/portfolio.css", "portfolio/templates/layout.html",
        "portfolio/data/schemas/profile.json", "portfolio/texmf/portfolio-cv.sty",
        "portfolio/cli/site/conf.py.template", "portfolio/cli/site/github/workflows/pages.yml",
        "portfolio/cli/site/docs/_data/news.yaml"]


def run(*argv, cwd: Path | None = None, env: dict | None = None) -> str:
    result = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, f"{argv}\n{result.stdout}\n{result.stderr}"
    # A build's warnings (pip's own, about this machine's package folders, are not the site's).
    if "sphinx" in map(str, argv):
        assert "WARNING" not in result.stderr, result.stderr
    return result.stdout


def fresh_venv(path: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    return path / "bin"


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """A clean copy of the checkout (no venv, no build output), built."""
    work = tmp_path_factory.mktemp("wheel")
    checkout = work / "checkout"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(
        ".git", "_build", ".venv", "*.egg-info", "__pycache__", ".pytest_cache", "node_modules",
        "build", "dist"))
    run(sys.executable, "-m", "build", "--outdir", work / "dist", checkout)
    return work / "dist"


def test_sdist_and_wheel_pass_twine_check_and_hold_the_data_files(dist):
    wheel = dist / f"sphinx_academic_portfolio-{__version__}-py3-none-any.whl"
    sdist = dist / f"sphinx_academic_portfolio-{__version__}.tar.gz"
    run(sys.executable, "-m", "twine", "check", "--strict", wheel, sdist)
    names = set(zipfile.ZipFile(wheel).namelist())
    assert set(DATA) <= names, set(DATA) - names
    assert not any("__pycache__" in name or name.startswith("tests/") for name in names)
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {f"_ext/{path}" for path in DATA} <= members


def test_the_wheel_starts_a_site_that_installs_and_builds_on_its_own(dist, tmp_path):
    wheel = dist / f"sphinx_academic_portfolio-{__version__}-py3-none-any.whl"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    cli = fresh_venv(tmp_path / "cli")
    run(cli / "python", "-m", "pip", "install", "-q", wheel, env=env)
    assert run(cli / "portfolio", "--version", env=env).strip() == f"portfolio {__version__}"
    site = tmp_path / "site"
    made = run(cli / "portfolio", "new", site, "--name", "Ada Example", env=env)
    assert "installed from a local file" in made
    run(cli / "python", "-m", "sphinx", "-W", "--keep-going", "-q", "-c", site, site / "docs",
        site / "_build/html", env=env)
    assert "Ada Example" in (site / "_build/html/publications.html").read_text("utf-8")

    # The site's README command, in another fresh virtualenv: the wheel is not needed.
    own = fresh_venv(site / ".venv")
    run(own / "python", "-m", "pip", "install", "-q", "-r", "requirements.txt", cwd=site, env=env)
    shutil.rmtree(site / "_build")
    run(own / "python", "-m", "sphinx", "-W", "--keep-going", "-q", "-c", ".", "docs",
        "_build/html", cwd=site, env=env)
    located = run(own / "python", "-c", "import portfolio; print(portfolio.__file__)", cwd=site,
                  env=env)
    assert Path(located.strip()).is_relative_to(site / "_ext")
    run(own / "portfolio", "check", site, env=env)
