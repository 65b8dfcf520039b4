"""Deploying: a new site's GitHub Pages workflow and Read the Docs file, and the project's release
workflow, checked against GitHub's workflow schema (check-jsonschema's own copy), with
actionlint and against Read the Docs' schema; the site's address on each host."""

from __future__ import annotations

import io
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, build_site
from portfolio.cli.main import main

BIN = Path(sys.executable).parent
RTD_SCHEMA = Path(__file__).parent / "fixtures" / "readthedocs-v2-schema.json"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("deploy") / "site"
    assert main(["new", str(site)], stdout=io.StringIO()) == 0
    return site


def workflows(site: Path) -> list[Path]:
    return [site / ".github/workflows/pages.yml", ROOT / ".github/workflows/release.yml"]


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is installed with the test extras (pip install -e '.[test]')"
    return found


def test_workflows_match_githubs_schema(site):
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema",
                             "vendor.github-workflows", *map(str, workflows(site))],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_actionlint(site):
    for workflow in workflows(site):
        result = subprocess.run([tool("actionlint"), "-no-color", str(workflow)],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_mistake(tmp_path):
    """The check above can fail: a misspelt context property is reported."""
    bad = tmp_path / ".github/workflows/bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                   "      - run: echo ${{ github.evnt }}\n")
    result = subprocess.run([tool("actionlint"), "-no-color", str(bad)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 1 and 'property "evnt" is not defined' in result.stdout


def test_pages_workflow_builds_strictly_and_publishes_the_html_alone(site):
    flow = yaml.safe_load((site / ".github/workflows/pages.yml").read_text("utf-8"))
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = flow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "python -m pip install -r requirements.txt" in runs
    (build,) = [step for step in steps if " -b html " in step.get("run", "")]
    argv = shlex.split(build["run"])
    assert "-W" in argv and argv[argv.index("-d") + 1] == "_build/doctrees"
    assert argv[-1] == "_build/html"
    assert build["env"] == {"PORTFOLIO_BASEURL": "${{ steps.pages.outputs.base_url }}"}
    assert "touch _build/html/.nojekyll" in runs
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "_build/html"
    (configure,) = [s for s in steps if s.get("uses", "").startswith("actions/configure-pages@")]
    assert configure["id"] == "pages"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_release_workflow_uses_trusted_publishing():
    flow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text("utf-8"))
    publish = flow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["steps"][-1]["uses"] == "pypa/gh-action-pypi-publish@release/v1"
    assert not any("password" in step.get("with", {}) for step in publish["steps"])
    runs = " ".join(step.get("run", "") for step in flow["jobs"]["build"]["steps"])
    assert "python -m build" in runs and "twine check --strict" in runs


def test_read_the_docs_file_is_valid_and_installs_the_requirements(site):
    config = yaml.safe_load((site / ".readthedocs.yaml").read_text("utf-8"))
    jsonschema.Draft202012Validator(json.loads(RTD_SCHEMA.read_text("utf-8"))).validate(config)
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    (html,) = config["build"]["jobs"]["build"]["html"]
    assert html.endswith(" -c . docs $READTHEDOCS_OUTPUT/html") and " -W " in html
    assert any("cv.pdf $READTHEDOCS_OUTPUT/pdf/" in line
               for line in config["build"]["jobs"]["build"]["pdf"])


@pytest.mark.parametrize("host", ["pages", "readthedocs"])
def test_the_site_knows_its_address_on_each_host(site, tmp_path, monkeypatch, host):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    monkeypatch.delenv("PORTFOLIO_BASEURL", raising=False)
    if host == "pages":  # what actions/configure-pages gives: no trailing slash
        base = "https://ada.github.io/site/"
        monkeypatch.setenv("PORTFOLIO_BASEURL", base.rstrip("/"))
    else:
        base = "https://ada.readthedocs.io/en/latest/"
        monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", base)
    result = build_site(copy, "html")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    out = copy / "_build/html"
    soup = BeautifulSoup((out / "publications.html").read_text("utf-8"), "html.parser")
    assert soup.select_one('link[rel="canonical"]')["href"] == base + "publications.html"
    assert f"<loc>{base}publications.html</loc>" in (out / "sitemap.xml").read_text("utf-8")
    assert f"Sitemap: {base}sitemap.xml" in (out / "robots.txt").read_text("utf-8")
    if host == "pages":  # the 404 page's links work from any folder of the project site
        css = BeautifulSoup((out / "404.html").read_text("utf-8"), "html.parser").select(
            'link[rel="stylesheet"]')
        assert css and all(link["href"].startswith("/site/_static/") for link in css)
