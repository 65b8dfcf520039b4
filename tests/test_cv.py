"""The CV page: header, education, positions, publications by type, awards, talks, teaching,
service and mentoring, on the web page and in the LaTeX the PDF is made from."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ROOTS, build_app, html

HOSTILE_BIB = "100% Safe & Sound: a_b #1 for $5 in {Braces}"
HOSTILE_TALK = "50% Faster & Cheaper: cache_hit #2 at $0 {really}"
TITLES = ["Świętokrzyskie Graphs and Their Łuków Colourings", "Caching at Scale: A Study",
          "Small Ideas, Early", HOSTILE_BIB]
NAMES = ["Ada Łęcka", "Şükrü Yılmaz", "Çağla İnönü", "José Müller", "张伟", "山田太郎", "김민준",
         "Antonín Dvořák", "Íñigo Ñúñez"]


def flat(node) -> str:
    return re.sub(r"\s+", " ", node.get_text()).strip()


def warnings(app) -> list[str]:
    """The build's warnings, without Sphinx's notice that a second app in the same process
    registers its nodes again."""
    return [line for line in app.warning.getvalue().splitlines()
            if "WARNING" in line and "is already registered" not in line]


@pytest.fixture(scope="module")
def page(build_root):
    app = build_root("cv")
    assert warnings(app) == []
    return html(app)


@pytest.fixture(scope="module")
def tex(build_root) -> str:
    app = build_root("cv", "latex")
    assert warnings(app) == []
    assert (Path(app.outdir) / "portfolio-cv.sty").is_file()
    return (Path(app.outdir) / "cv.tex").read_text("utf-8")


def lines(page, kind: str) -> list[str]:
    return [flat(li) for li in page.select(f"ul.cv-{kind} > li")]


def test_header(page):
    header = page.select_one(".cv-header")
    assert flat(header.select_one(".cv-name")) == "Ada Łęcka"
    assert flat(header.select_one(".cv-position")) == "Ph.D. student, Uniwersytet Przykładowy"
    contact = [(flat(a), unquote(a["href"]), a.select_one(".portfolio-icon")["class"][1])
               for a in header.select(".cv-contact a")]
    assert contact == [("ada@example.org", "mailto:ada@example.org", "portfolio-icon-email"),
                       ("example", "https://github.com/example", "portfolio-icon-github")]
    assert header.select_one(".cv-pdf") is None  # portfolio_cv_pdf is not set


def test_education_and_positions(page):
    assert lines(page, "education") == [
        "Ph.D. in Computer Science, Uniwersytet Przykładowy 2021-present Advisor: Gülşen Öztürk",
        "B.Sc. in Mathematics, Örnek Üniversitesi Thesis on graphs."]
    assert page.select_one("ul.cv-education .cv-where").parent["href"] == "https://example.org/uni"
    assert page.select_one("ul.cv-education .cv-detail a")["href"] == "https://example.org/thesis"
    assert lines(page, "positions") == ["Intern, Example Laboratory Summer 2022",
                                        "Member, Systems Group"]


def test_publications_grouped_by_type(page):
    headings = [flat(r) for r in page.select(".portfolio-publications p.rubric")]
    assert headings == ["Journal Articles", "Conference Papers", "Workshop Papers", "Preprints"]
    assert [flat(t) for t in page.select(".pub-title")] == TITLES
    assert [flat(o) for o in page.select("strong.pub-owner")] == ["Ada Łęcka"] * 4


def test_publications_numbered_by_type(page, tex):
    assert [flat(n) for n in page.select(".pub-labelled li.pub .pub-number")] == [
        "J1", "C1", "W1", "P1"]
    assert r"\begin{sphinxuseclass}{pub-labelled}" in tex
    assert r"\DUrole{pub-number}{J1}" in tex


def test_journal_volume_number_and_pages(page, tex):
    venue = page.select_one("li.pub-article .pub-venue-name")
    assert flat(venue) == "Journal of Examples, 12(3):45–67, 2024"
    assert r"\DUrole{pub-venue-name}{Journal of Examples, 12(3):45–67, 2024}" in tex


def test_awards_from_papers_and_file_newest_first(page):
    assert lines(page, "awards") == ["Best Paper Award, ConfT 2023, for Caching at Scale",
                                     "Graduate Fellowship, Example Foundation 2022",
                                     "Teaching Prize"]


def test_talks(page):
    assert lines(page, "talks") == [f"{HOSTILE_TALK}, Systems Seminar, Kraków 2024"]


def test_service_and_mentoring_sections(page):
    service, mentoring = page.select("ul.service-list")
    assert [flat(li) for li in service.select("li")] == ["Reviewer: ConfT 2024"]
    assert [flat(li) for li in mentoring.select("li")] == ["Undergraduate Mentoring Program: 2023, 2024"]


def test_latex_has_every_entry(tex):
    for text in [*NAMES, "Ph.D. in Computer Science", "Gülşen Öztürk", "Example Laboratory",
                 "Graduate Fellowship", "Teaching Prize", "Introduction to Computing",
                 "Undergraduate Mentoring Program", "Caching at Scale: A Study",
                 "Świętokrzyskie Graphs and Their Łuków Colourings", "Small Ideas, Early"]:
        assert text in tex, text
    # LaTeX's special characters arrive escaped, from BibTeX and from YAML alike.
    assert r"100\% Safe \& Sound: a\_b \#1 for \$5 in \{Braces\}" in tex
    assert r"50\% Faster \& Cheaper: cache\_hit \#2 at \$0 \{really\}" in tex


def test_latex_highlights_owner_and_uses_cv_style(tex):
    assert tex.count(r"\sphinxstylestrong{Ada Łęcka}") == 4
    assert r"\usepackage{portfolio-cv}" in tex
    assert r"\DUrole{cv-name}{Ada Łęcka}" in tex
    assert r"\begin{sphinxuseclass}{cv-header}" in tex
    assert r"\DUrole{cv-dates}{2021\sphinxhyphen{}present}" in tex
    assert (r"\sphinxhref{https://github.com/example}{\DUrole{portfolio-icon}"
            r"{\DUrole{portfolio-icon-github}{}}example}") in tex
    assert r"\makeindex" not in tex
    assert "Download this CV" not in tex  # the PDF link is for web pages only


def test_optional_files_may_be_missing(build_root):
    app = build_root("cv-empty")
    found = warnings(app)
    assert len(found) == 3, found  # only the file named by the directive is missed
    assert ("missing.md:7: WARNING: the file '_data/no-such-talks.yaml' does not exist"
            in found[0])
    assert ("bad-education.yaml:1: WARNING: unknown field 'insitution' (did you mean "
            "'institution'?)") in found[1]
    assert "bad-education.yaml:4: WARNING: link 'javascript:alert(1)' is not shown" in found[2]
    assert [flat(li) for li in html(app, "missing").select("ul.cv-education > li")] == ["M.Sc."]
    page = html(app)
    assert flat(page.select_one(".cv-name")) == "Solo Person"
    assert page.select(".cv-list") == []


@pytest.fixture
def empty_site(tmp_path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-cv-empty", src)
    (src / "missing.md").unlink()
    return src


def build(src: Path, **overrides) -> SphinxTestApp:
    return build_app(src, confoverrides=overrides)


def pdf_link(app):
    return html(app).select_one(".cv-pdf a")


def test_pdf_and_data_files_added_later(empty_site):
    overrides = {"portfolio_cv_pdf": "latex/cv.pdf"}
    assert pdf_link(build(empty_site, **overrides)) is None
    (empty_site / "latex").mkdir()
    (empty_site / "latex" / "cv.pdf").write_bytes(b"%PDF-1.5\n")
    (empty_site / "_data" / "talks.yaml").write_text("- title: A Talk\n", "utf-8")
    # The page waited for those files: the next build reads it again and shows them.
    app = build(empty_site, **overrides)
    assert lines(html(app), "talks") == ["A Talk"]
    link = pdf_link(app)
    assert link["href"].startswith("_downloads/") and link["href"].endswith("/cv.pdf")
    assert (Path(app.outdir) / link["href"]).read_bytes() == b"%PDF-1.5\n"
    assert warnings(app) == []


def test_pdf_on_read_the_docs(empty_site, monkeypatch):
    for name, value in {"READTHEDOCS": "True", "READTHEDOCS_LANGUAGE": "en",
                        "READTHEDOCS_VERSION": "latest", "READTHEDOCS_VERSION_TYPE": "branch",
                        "READTHEDOCS_CANONICAL_URL": "https://someone.readthedocs.io/en/latest/"
                        }.items():
        monkeypatch.setenv(name, value)
    app = build(empty_site, portfolio_cv_pdf="latex/cv.pdf")
    assert pdf_link(app)["href"] == "https://someone.readthedocs.io/_/downloads/en/latest/pdf/"


def test_header_without_profile(empty_site):
    app = build(empty_site, portfolio_profile="")
    found = warnings(app)
    assert len(found) == 1 and "index.md:3: WARNING: cv-header shows the profile" in found[0]
    assert html(app).select(".cv-header") == []


def test_pdf_at_a_url(empty_site):
    app = build(empty_site, portfolio_cv_pdf="https://example.org/cv.pdf")
    assert pdf_link(app)["href"] == "https://example.org/cv.pdf"
