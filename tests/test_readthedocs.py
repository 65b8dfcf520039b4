"""Read the Docs: the config is valid v2, and its install and build commands, run as Read the
Docs runs them (fresh virtualenv, READTHEDOCS* variables), build the site with every extra."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT

pytestmark = pytest.mark.slow

CONFIG = ROOT / ".readthedocs.yaml"
#: Read the Docs' published JSON Schema for the v2 config file, as copied into the repo.
SCHEMA = Path(__file__).parent / "fixtures" / "readthedocs-v2-schema.json"
CANONICAL = "https://example-portfolio.readthedocs.io/en/latest/"


def config() -> dict:
    return yaml.safe_load(CONFIG.read_text("utf-8"))


def test_config_is_valid_v2():
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(config())
    assert config()["sphinx"]["configuration"] == "conf.py"


def test_guide_config_is_valid_v2():
    """The guide to this project is a Read the Docs project of its own."""
    schema = json.loads(SCHEMA.read_text("utf-8"))
    guide = yaml.safe_load((ROOT / ".readthedocs-guide.yaml").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(guide)
    assert guide["sphinx"]["configuration"] == "docs/template/conf.py"
    assert (ROOT / guide["sphinx"]["configuration"]).is_file()


def test_config_installs_the_project_and_builds_from_docs():
    cfg = config()
    assert {"method": "pip", "path": "."}.items() <= cfg["python"]["install"][0].items()
    (command,) = cfg["build"]["jobs"]["build"]["html"]
    assert command.startswith("python -m sphinx ")
    assert " -c . docs $READTHEDOCS_OUTPUT/html" in command


def _install_commands(cfg: dict) -> list[list[str]]:
    commands = []
    for step in cfg["python"]["install"]:
        target = step["path"]
        if step.get("extra_requirements"):
            target += "[" + ",".join(step["extra_requirements"]) + "]"
        commands.append(["python", "-m", "pip", "install", "--upgrade",
                         "--upgrade-strategy", "only-if-needed", target])
    return commands


@pytest.fixture(scope="module")
def rtd_build(tmp_path_factory):
    """A copy of the project, installed into a fresh virtualenv and built by the config's line."""
    work = tmp_path_factory.mktemp("rtd")
    checkout = work / "checkout"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(
        ".git", "_build", ".venv", "*.egg-info", "__pycache__", ".pytest_cache", "node_modules"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    output = work / "output"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env |= {
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "READTHEDOCS": "True",
        "READTHEDOCS_PROJECT": "example-portfolio",
        "READTHEDOCS_LANGUAGE": "en",
        "READTHEDOCS_VERSION": "latest",
        "READTHEDOCS_VERSION_TYPE": "branch",
        "READTHEDOCS_VERSION_NAME": "latest",
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
        "READTHEDOCS_OUTPUT": str(output),
        "READTHEDOCS_VIRTUALENV_PATH": str(venv),
    }
    cfg = config()
    for command in _install_commands(cfg):
        done = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    for line in cfg["build"]["jobs"]["build"]["html"]:
        done = subprocess.run(["bash", "-c", line], cwd=checkout, env=env, capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "WARNING" not in done.stderr, done.stderr
    return output / "html"


def test_site_is_built_where_read_the_docs_serves_it(rtd_build):
    for name in ("index.html", "publications.html", "404.html", "robots.txt", "sitemap.xml",
                 "atom.xml", "_static/favicon.svg"):
        assert (rtd_build / name).is_file(), name


def test_addresses_come_from_the_canonical_url(rtd_build):
    soup = BeautifulSoup((rtd_build / "index.html").read_text("utf-8"), "html.parser")
    assert soup.select_one('link[rel="canonical"]')["href"] == CANONICAL + "index.html"
    assert soup.select_one('meta[property="og:url"]')["content"] == CANONICAL + "index.html"
    assert f"Sitemap: {CANONICAL}sitemap.xml" in (rtd_build / "robots.txt").read_text()
    assert f"<loc>{CANONICAL}publications.html</loc>" in (rtd_build / "sitemap.xml").read_text()
    not_found = BeautifulSoup((rtd_build / "404.html").read_text("utf-8"), "html.parser")
    css = [link["href"] for link in not_found.select('link[rel="stylesheet"]')]
    assert css and all(href.startswith("/en/latest/_static/") for href in css)
