"""The guide to this project ("Using this template", docs/template/) is a Sphinx project of its
own, built by the README's command, with the documentation look and a few screenshots."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from conftest import ROOT

GUIDE = ROOT / "docs" / "template"
PAGES = ["index", "directives", "publications", "fields", "cv", "command-line", "web",
         "troubleshooting"]


def test_guide_builds_every_page_in_its_navigation(guide_site):
    out = guide_site / "_build" / "guide"
    for name in PAGES:
        assert (out / f"{name}.html").is_file(), name
    soup = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    nav = {a["href"] for a in soup.select("nav.bd-docs-nav a")}
    assert {f"{name}.html" for name in PAGES[1:]} <= nav
    # Documentation, not a homepage: no profile, the theme's sidebar navigation.
    assert not soup.select(".portfolio-profile") and "portfolio-homepage" not in str(soup.body)


def test_readme_and_read_the_docs_build_the_guide():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "sphinx-build -W --keep-going docs/template _build/guide" in readme
    guide_rtd = (ROOT / ".readthedocs-guide.yaml").read_text("utf-8")
    assert "configuration: docs/template/conf.py" in guide_rtd


def test_screenshots_shown_by_the_guide_are_few_and_small():
    shots = sorted((GUIDE / "_static").glob("*.png"))
    assert 2 <= len(shots) <= 8
    assert sum(p.stat().st_size for p in shots) < 1_000_000
    text = "\n".join(p.read_text("utf-8") for p in GUIDE.glob("*.md"))
    shown = set(re.findall(r"_static/([\w-]+\.png)", text))
    assert shown == {p.name for p in shots}
