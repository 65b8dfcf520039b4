"""The publications directive on a small root: options, authors, markers, links, anchors."""

from __future__ import annotations

import re

import pytest

from conftest import html, text


def titles(soup, section_id: str | None = None) -> list[str]:
    scope = soup.find(id=section_id) if section_id else soup
    return [t.get_text() for t in scope.select("li.pub .pub-title")]


@pytest.fixture(scope="module")
def built(build_root):
    return build_root("publications")


def test_all_newest_first_then_month(built):
    assert titles(html(built)) == [
        "A Thesis", "Preprint Title: With a Colon", "Second Paper of 2024",
        "First: A Study of Über-Café Networks & Things", "A Journal Paper"]


def test_latex_is_unicode_and_authors_in_order(built):
    li = html(built).find(id="pub-zhang2024first")
    authors = li.select_one(".pub-authors").get_text()
    assert authors == "Qizheng Zhang*, Jörg Müller*†, Anna Kołodziej, et al."


def test_owner_highlighted_under_variants(built):
    soup = html(built)
    owners = [o.get_text() for o in soup.select(".pub-owner")]
    # "Zhang, Q." in conf matches Qizheng Zhang and Q. Zhang, never Ziyi Zhang.
    assert owners == ["Qizheng Zhang", "Qizheng Zhang", "Qizheng Zhang*", "Q. Zhang"]
    assert "Ziyi Zhang" in soup.find(id="pub-wu2024second").get_text()


def test_one_legend_for_the_markers_used(built):
    legends = [legend.get_text() for legend in html(built).select(".pub-legend")]
    assert legends == ["* equal contribution; † corresponding author"]


def test_links_in_field_order_with_identifiers(built):
    li = html(built).find(id="pub-zhang2024first")
    links = [(a.get_text(), a["href"]) for a in li.select("a.pub-link")]
    assert links == [("DOI", "https://doi.org/10.1000/xyz"), ("code", "https://example.org/code"),
                     ("arXiv", "https://arxiv.org/abs/2401.00001")]


def test_venue_award_and_notes(built):
    soup = html(built)
    first = soup.find(id="pub-zhang2024first")
    assert first.select_one(".pub-venue-name").get_text() == "Conference on Testing (ConfT), 2024"
    assert [a.get_text() for a in first.select(".pub-award")] == ["Best Paper Award"]
    second = soup.find(id="pub-wu2024second")  # notes and awards from the overlay YAML
    note = second.select_one(".pub-note")
    assert note.get_text() == "A note with a link."
    assert note.a["href"] == "https://example.org/note"
    assert [a.get_text() for a in second.select(".pub-award")] == ["Honorable Mention"]
    thesis = soup.find(id="pub-zhang2026thesis")
    assert thesis.select_one(".pub-venue-name").get_text() == "Ph.D. thesis, Stanford University, 2026"


def test_unsafe_links_refused_with_warning(built):
    soup = html(built)
    journal = soup.find(id="pub-li2022journal")
    assert [a.get_text() for a in journal.select("a.pub-link")] == ["paper"]
    note = soup.find(id="pub-zhang2025preprint").select_one(".pub-note")
    assert [a["href"] for a in note.select("a")] == ["https://example.org/project"]
    assert "javascript" not in str(soup)
    warnings = built.warning.getvalue()
    assert re.search(r"refs\.bib:18: WARNING: entry 'li2022journal': the slides link "
                     r"'javascript:alert\(1\)' is not shown", warnings)
    assert "refs.bib:28: WARNING: entry 'zhang2025preprint': the note link" in warnings


def test_only_expected_warnings(built):
    lines = [line for line in built.warning.getvalue().splitlines() if "WARNING" in line]
    assert len(lines) == 2, lines


@pytest.mark.parametrize(("heading", "expected"), [
    ("year-2024", ["Second Paper of 2024", "First: A Study of Über-Café Networks & Things"]),
    ("since-2024-preprints-excluded",
     ["A Thesis", "Second Paper of 2024", "First: A Study of Über-Café Networks & Things"]),
    ("keyword", ["First: A Study of Über-Café Networks & Things", "A Journal Paper"]),
    ("selected", ["First: A Study of Über-Café Networks & Things"]),
    ("expression", ["Second Paper of 2024", "First: A Study of Über-Café Networks & Things",
                    "A Journal Paper"]),
    ("expression-two", ["A Journal Paper", "Second Paper of 2024"]),
    ("keys", ["Second Paper of 2024", "A Journal Paper"]),
    ("limit", ["A Thesis", "Preprint Title: With a Colon"]),
    ("title-order", ["A Journal Paper", "A Thesis", "First: A Study of Über-Café Networks & Things",
                     "Preprint Title: With a Colon", "Second Paper of 2024"]),
])
def test_filter_options(built, heading, expected):
    assert titles(html(built, "filtered"), heading) == expected


def test_anchor_once_per_page(built):
    soup = html(built, "filtered")
    ids = [li.get("id") for li in soup.select("li.pub")]
    assert ids.count("pub-zhang2024first") == 1
    assert len([i for i in ids if i]) == len(set(i for i in ids if i))


def test_group_by_year_and_type(built):
    soup = html(built, "grouped")
    headings = [r.get_text() for r in soup.select("p.rubric.pub-group")]
    assert headings == ["2026", "2025", "2024", "2022", "Journal Articles",
                        "Conference and Workshop Papers", "Preprints", "Theses"]


def test_pub_role_links_to_entry(built):
    soup = html(built, "roles")
    refs = soup.select(".pub-ref")
    assert [r.get_text() for r in refs] == [
        "First [ConfT 2024]", "the preprint [arXiv preprint 2025]", "Pre [arXiv preprint 2025]"]
    assert refs[0].a["href"] == "index.html#pub-zhang2024first"


def test_pub_role_and_directive_in_rest(built):
    soup = html(built, "rst")
    assert titles(soup) == ["A Journal Paper"]
    assert soup.select_one(".pub-ref a")["href"] == "index.html#pub-li2022journal"


def test_cite_still_works(built):
    soup = html(built, "cite")
    assert "A journal paper" in soup.select_one(".citation").get_text()
    assert soup.select_one("a.reference.internal[href='#id2'], a[href*='#id']") is not None


def test_text_builder(build_root):
    app = build_root("publications", "text")
    out = text(app)
    assert "First: A Study of Über-Café Networks & Things" in out
    assert "Conference on Testing (ConfT), 2024 [DOI] [code] [arXiv]" in out
    assert "**Qizheng Zhang***, Jörg Müller*†, Anna Kołodziej, et al." in out


def test_latex_builder(build_root):
    app = build_root("publications", "latex")
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\sphinxstylestrong{Qizheng Zhang" in tex
    assert r"Über\sphinxhyphen{}Café" in tex
    assert r"\sphinxhref{https://doi.org/10.1000/xyz}{DOI}" in tex
