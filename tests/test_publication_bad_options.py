"""Wrong publication options, config values and files: one located warning each, with the fix,
and the build goes on with the default."""

from __future__ import annotations

import pytest

from conftest import html

EXPECTED = [
    "WARNING: config value portfolio_toggles = ['abstract', 'slides'] items must be among "
    "abstract, bibtex; using the default",
    "WARNING: config value portfolio_max_authors = -1 must be 0 (show all) or more",
    "WARNING: config value portfolio_sort_within = 'color' must be one of bib, title, key, venue",
    "WARNING: config value portfolio_paper_pages = '../outside' must be a folder name",
    "conf.py:: WARNING: portfolio_venues names ",
    "refs.bib:1: WARNING: entry 'scheme': the preview 'javascript:alert(1)' is not shown: links "
    "with the scheme 'javascript:' are refused",
    "refs.bib:8: WARNING: entry 'notimage': the preview 'files/paper.pdf' is not shown: it is not "
    "an image",
    "index.md:3: WARNING: :toggles: nope unknown; choose from abstract, bibtex or none",
    "index.md:3: WARNING: :max-authors: 'many' is not a whole number",
    "index.md:8: WARNING: :by: 'month' is not a grouping; choose year or type",
    "refs.bib:15: WARNING: entry 'missing': the pdf file 'files/none.pdf' is left out: ",
    "refs.bib:15: WARNING: entry 'missing': the preview 'images/none.png' is left out: ",
    "WARNING: config value portfolio_number_prefixes = {'Conference Papers': 3} keys and values "
    "must be strings",
    "numbering.md:6: WARNING: :numbered: 'year' is not a numbering; leave it empty (1, 2, 3) or "
    "write type",
    "numbering.md:11: WARNING: :numbered: type labels the headings of :group: type, which this "
    "list does not have; it is numbered 1, 2, 3",
]


@pytest.fixture(scope="module")
def built(build_root):
    return build_root("publication-bad-options")


def test_each_mistake_is_one_located_warning(built):
    lines = [line for line in built.warning.getvalue().splitlines() if "WARNING" in line]
    assert len(lines) == len(EXPECTED), lines
    for expected in EXPECTED:
        assert any(expected in line for line in lines), expected


def test_build_goes_on_with_defaults(built):
    soup = html(built)
    assert len(soup.select("li.pub")) == 3
    assert soup.select("img") == []  # the missing preview is left out (warned), not a broken image
    assert "javascript" not in str(soup)
    assert soup.select("a.pub-paper-link") == []  # the bad folder fell back to no pages
    assert not (built.outdir.parent / "outside").exists()
    numbered = html(built, "numbering")
    assert [ol.get("start") for ol in numbered.select("ol.pub-list")] == ["1", "1"]
    assert not numbered.select(".pub-number")
    assert soup.select_one(".pub-stats-total").get_text() == "3 publications"
