"""Round trip: the seed page imported by ``portfolio import academicpages`` into a new site
shows every publication, author, mark, venue, link, note, award, teaching and service line.

The assertions are the seed site's own (``test_seed_site``), run here on the imported site;
only the sidebar test differs, since the seed page holds no profile beyond the owner's name.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_site
from portfolio.cli.main import main
from test_seed_site import (  # noqa: F401  (collected here again, on the imported site)
    pubs_page,
    test_about_text_is_the_seeds,
    test_all_publications_listed_in_seed_order,
    test_equal_contribution_legend,
    test_hidden_comments_stay_hidden,
    test_navigation_has_every_page,
    test_publication_renders_like_the_seed,
    test_research_areas_link_to_entries,
    test_seed_has_fifteen_publications,
    test_service_lines,
    test_teaching_lines,
    test_text_output_has_each_entry,
    test_you_might_be_looking_for,
)

FIXTURES = Path(__file__).parent / "fixtures"


def import_into(site: Path, kind: str, source: Path, capsys) -> str:
    """``portfolio new`` then ``portfolio import``; return the import's summary."""
    assert main(["new", str(site)]) == 0
    capsys.readouterr()
    assert main(["import", kind, str(source), "--into", str(site)]) == 0
    return capsys.readouterr().out


def build_clean(site: Path, *builders: str) -> None:
    for builder in builders:
        result = build_site(site, builder)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, str]:
    """The newer seed imported into a new site, built with html and text; and the summary."""
    site = tmp_path_factory.mktemp("imported") / "site"
    out = io.StringIO()
    assert main(["new", str(site)], stdout=out) == 0
    assert main(["import", "academicpages", str(FIXTURES / "seed-about-2025-10.md"),
                 "--into", str(site)], stdout=out) == 0
    build_clean(site, "html", "text")
    return site, out.getvalue()


@pytest.fixture(scope="module")
def seed_site(imported) -> Path:
    """The shared seed-site assertions read this site: the imported one."""
    return imported[0]


def test_import_summary_names_what_was_imported(imported):
    summary = imported[1]
    assert "15 publications, 2 courses, 7 service roles" in summary
    assert "The check of the written site found" not in summary


def test_profile_is_the_bold_author(seed_site):
    soup = BeautifulSoup((seed_site / "_build/html/publications.html").read_text("utf-8"),
                         "html.parser")
    assert soup.select_one(".portfolio-profile .portfolio-name").get_text(strip=True) == \
        "Qizheng Zhang"
    owners = {o.get_text(strip=True).rstrip("*") for o in soup.select("strong.pub-owner")}
    assert owners == {"Qizheng Zhang"}


def test_bibtex_is_proper(seed_site):
    bib = (seed_site / "refs.bib").read_text("utf-8")
    assert "@inproceedings{zhang2024caravan," in bib
    assert "@misc{zhang2025agentic," in bib
    assert "howpublished = {arXiv preprint}" in bib
    assert "Yan, Francis Y." in bib
    assert re.search(r"@inproceedings\{li2023optimizing,.*?author\+an\s+= \{1=equal; 2=equal\}",
                     bib, re.S)


def test_hidden_comments_kept_in_source(seed_site):
    index = (seed_site / "docs/index.md").read_text("utf-8")
    assert "% - Democratizing AI via small model intelligence" in index
    assert "% For Winter 2025, the Stanford systems reading group" in index


def test_older_seed_imports_and_builds(tmp_path, capsys):
    site = tmp_path / "site"
    summary = import_into(site, "academicpages", FIXTURES / "seed-about-2023-06.md", capsys)
    assert "10 publications, 2 courses, 3 service roles" in summary
    # what could not be mapped is named with its line: OSDI 2024 [website] ... [code]
    assert re.search(r"seed-about-2023-06\.md:37: link label \[website\] has no address", summary)
    assert re.search(r"seed-about-2023-06\.md:29: no year in 'arXiv'; 2024 was read", summary)
    build_clean(site, "html")
    soup = BeautifulSoup((site / "_build/html/publications.html").read_text("utf-8"),
                         "html.parser")
    titles = [t.get_text(strip=True) for t in soup.select("li.pub .pub-title")]
    assert len(titles) == 10 and titles[0].startswith("CacheBlend")
    cachegen = soup.select("li.pub")[1]
    assert [a.get_text(strip=True) for a in cachegen.select("a.pub-link")] == ["code", "preprint"]
    assert "to appear" in cachegen.get_text()
    assert soup.select_one("h1").get_text(strip=True).rstrip("#") == "Research"
