"""Nothing goes stale: a removed entry's generated files go on the next build, and after a
build killed at any point the next build's output equals a fresh build's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from test_build_modes import differences, small_site, sphinx

ENTRY = ("@inproceedings{{{key},\n  title = {{{title}}},\n  author = {{Doe, Jane and Roe, Rick}},\n"
         "  booktitle = {{Symposium {n}}},\n  year = {{{year}}},\n}}\n\n")


def site_with(site: Path, entries: int, extra_title: str = "") -> None:
    """A site with paper pages and one list of *entries* generated entries (and, with
    *extra_title*, one more entry titled so); once made, only refs.bib is written again."""
    if not (site / "conf.py").exists():
        _pages(site)
    bib = "".join(ENTRY.format(key=f"doe{n}", title=f"Generated Work Number {n}", n=n,
                               year=2000 + n % 25) for n in range(entries))
    if extra_title:
        bib += ENTRY.format(key="doe2024zanzibar", title=extra_title, n=0, year=2024)
    (site / "refs.bib").write_text(bib, "utf-8")


def _pages(site: Path) -> None:
    small_site(site, "")
    with (site / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('portfolio_paper_pages = "papers"\nhtml_baseurl = "https://example.org/"\n')
    (site / "docs" / "index.md").write_text("# Home\n\n```{toctree}\npublications\n```\n")
    (site / "docs" / "publications.md").write_text("# Publications\n\n```{publications}\n```\n")


def test_a_removed_entry_leaves_no_page_file_or_search_term(tmp_path):
    site = tmp_path / "site"
    site_with(site, 3, extra_title="Quixotic Zanzibar Xylophones")
    sphinx(site, site / "out")
    out = site / "out"
    assert (out / "papers" / "doe2024zanzibar.html").exists()
    assert (out / "_bib" / "doe2024zanzibar.bib").exists()
    site_with(site, 3)
    sphinx(site, site / "out")
    assert not (out / "papers" / "doe2024zanzibar.html").exists()
    assert not (out / "_bib" / "doe2024zanzibar.bib").exists()
    for name in ("searchindex.js", "sitemap.xml", "atom.xml", "publications.html"):
        assert "zanzibar" not in (out / name).read_text("utf-8").lower(), name
    sphinx(site, tmp_path / "fresh", "-E")
    assert differences(out, tmp_path / "fresh") == []


def test_turning_paper_pages_off_removes_them(tmp_path):
    site = tmp_path / "site"
    site_with(site, 2)
    sphinx(site, site / "out")
    conf = site / "conf.py"
    conf.write_text(conf.read_text().replace('portfolio_paper_pages = "papers"\n', ""))
    sphinx(site, site / "out")
    assert list((site / "out" / "papers").glob("*.html")) == []


def _killed_build(site: Path, out: Path, when: str) -> None:
    """Start a build and kill it (SIGKILL) as soon as its log shows *when*."""
    doctrees = out.with_name(out.name + ".doctrees")
    process = subprocess.Popen(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(site), "-d", str(doctrees),
         str(site / "docs"), str(out)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, cwd=site, env={**os.environ, "PYTHONUNBUFFERED": "1"})  # each line at once
    try:
        for line in process.stdout:
            if when in line:
                os.kill(process.pid, signal.SIGKILL)
                break
    finally:
        process.kill()
        process.wait(timeout=60)
        process.stdout.close()


@pytest.mark.slow
@pytest.mark.parametrize("when", ["loading pickled environment", "reading sources... [",
                                  "pickling environment", "checking consistency",
                                  "copying static files", "writing output... [",
                                  "generating indices", "dumping search index"])
def test_after_a_killed_build_the_next_equals_a_fresh_one(tmp_path, when):
    site = tmp_path / "site"
    site_with(site, 5)
    sphinx(site, site / "out")
    site_with(site, 150)  # many added entries: the list page and the paper pages change
    _killed_build(site, site / "out", when)
    sphinx(site, site / "out")
    sphinx(site, tmp_path / "fresh", "-E")
    assert differences(site / "out", tmp_path / "fresh") == []
    listed = (site / "out" / "publications.html").read_text("utf-8")
    assert listed.count('class="pub ') == 150
    # and the build after that is a no-change build again
    assert "no targets are out of date" in sphinx(site, site / "out")


def test_every_xml_output_is_well_formed_whatever_the_data(tmp_path):
    """Control characters (and other characters XML 1.0 cannot hold) in titles, venues, news
    and the profile never make atom.xml or sitemap.xml ill-formed."""
    from xml.etree import ElementTree as ET

    site = tmp_path / "site"
    site_with(site, 0, extra_title="Bell\\x07 and \x0b tab \ufffe noncharacter \x1b[31m")
    bib = (site / "refs.bib").read_text("utf-8")
    (site / "refs.bib").write_text(bib.replace("Symposium 0", "Venue\x0c\x01"), "utf-8")
    (site / "docs" / "_data").mkdir()
    (site / "docs" / "_data" / "news.yaml").write_text(
        json.dumps([{"date": "2024-01-02", "text": "News\x7f with \u0085 next-line"}]), "utf-8")
    (site / "docs" / "news.md").write_text("---\norphan: true\n---\n# News\n\n```{news}\n```\n")
    sphinx(site, site / "out", strict=False)
    for name in ("atom.xml", "sitemap.xml"):
        ET.parse(site / "out" / name)  # raises on ill-formed XML
