"""Every option researchers ask for, on one root: toggles, BibTeX, grouping, authors, badges,
previews, identifiers, status, per-paper pages and counts; in html, dirhtml, text and LaTeX."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers.bibtex import BibTeXLexer

from conftest import ROOTS, build_app, html, text

NAME = "publication-options"
COLON_KEY_STEM = "DBLP-conf-wagent-Li24-"


def titles(scope) -> list[str]:
    return [t.get_text() for t in scope.select("li.pub .pub-title")]


def section(soup, heading_id: str):
    return soup.find(id=heading_id)


@pytest.fixture(scope="module")
def built(build_root):
    return build_root(NAME)


@pytest.fixture(scope="module")
def osdi(built):
    return html(built).find(id="pub-zhang2024osdi")


def test_only_the_bad_data_warns(built):
    lines = [line for line in built.warning.getvalue().splitlines() if "WARNING" in line]
    assert len(lines) == 3, lines
    for pattern in (r"refs\.bib:32: WARNING: entry 'zhang2025zeta': the note link "
                    r"'javascript:alert\(3\)' is shown as plain text",
                    r"venues\.yaml:5: WARNING: JEx > color: .* \[portfolio\.schema\]",
                    r"coauthors\.yaml:2: WARNING: link 'javascript:alert\(1\)' is not shown"):
        assert any(re.search(pattern, line) for line in lines), pattern


def test_abstract_toggle_collapsed_and_escaped(osdi):
    toggle = osdi.select_one("details.pub-abstract")
    assert toggle.summary.get_text() == "Abstract"
    assert not toggle.has_attr("open")
    assert toggle.p.get_text() == ("We show that caching works & helps. "
                                   "</script><script>alert(1)</script>")
    assert osdi.find("script") is None


def test_toggles_only_when_there_is_something_to_show(built):
    soup = html(built)
    no_abstract = soup.find(id="pub-zhang2025alpha")
    assert no_abstract.select("details.pub-abstract") == []
    assert no_abstract.select("details.pub-bibtex")


def test_bibtex_without_site_fields_latex_kept(built, osdi):
    shown = osdi.select_one("details.pub-bibtex pre").get_text()
    names = re.findall(r"^  ([\w+]+) = ", shown, re.M)
    # Site-only fields leave whole; "codename" (not a site field) stays although it starts
    # like "code"; links citation managers know (doi) stay.
    assert names == ["author", "title", "author+an", "booktitle", "year", "month", "abstract",
                     "doi", "codename", "keywords"]
    assert shown.startswith("@inproceedings{zhang2024osdi,\n")
    assert r"title = {Fast \emph{Caching} for Agents}," in shown
    assert r"author = {Zhang, Qizheng and M{\"u}ller, J{\"o}rg and Olukotun" in shown
    assert r"caching works \& helps" in shown
    download = Path(built.outdir) / "_bib" / "zhang2024osdi.bib"
    assert download.read_text("utf-8") == shown
    assert osdi.select_one("a.pub-bibfile-link")["href"] == "_bib/zhang2024osdi.bib"


def test_bibtex_blocks_are_what_pygments_makes_of_them(built):
    """Keys with a colon and a slash, author+an, LaTeX and nested braces, highlighted exactly
    as Pygments' BibTeX lexer would."""
    blocks = html(built).select("details.pub-bibtex div.highlight")
    assert len(blocks) == 5
    for shown in blocks:
        expected = highlight(shown.get_text(), BibTeXLexer(), HtmlFormatter())
        assert str(shown) == str(BeautifulSoup(expected, "html.parser").div)


def test_bib_file_of_a_key_with_colon_and_slash(built):
    li = html(built).find(id="pub-dblp-conf-wagent-li24")
    href = li.select_one("a.pub-bibfile-link")["href"]
    assert re.fullmatch(rf"_bib/{COLON_KEY_STEM}[0-9a-f]{{6}}\.bib", href)
    assert (Path(built.outdir) / href).read_text("utf-8").startswith(
        "@inproceedings{DBLP:conf/wagent/Li24,")


def test_copy_button_script_loaded(built):
    soup = html(built)
    assert any(s.get("src", "").startswith("_static/portfolio-copy.js")
               for s in soup.select("script"))
    script = Path(built.outdir) / "_static" / "portfolio-copy.js"
    assert "navigator.clipboard" in script.read_text()


def test_year_groups_with_counts_numbered_and_tiebreak(built):
    soup = html(built)
    headings = [r.get_text() for r in soup.select("p.rubric.pub-group")]
    assert headings == ["2025 (2)", "2024 (2)", "2023 (1)"]
    # Same year, no month: portfolio_sort_within = "title" puts Alpha before Zeta (file order
    # is Zeta first); within 2024 July comes before March.
    assert titles(soup) == ["Alpha To Appear", "Zeta Submitted", "A Workshop Paper",
                            "Fast Caching for Agents", "A Thesis"]
    starts = [ol.get("start") for ol in soup.select("ol.pub-list")]
    assert starts == ["1", "3", "5"]


def test_type_groups_with_workshop(built):
    soup = html(built, "grouped")
    scope = section(soup, "by-type")
    assert [r.get_text() for r in scope.select("p.rubric")] == [
        "Journal Articles (1)", "Conference Papers (1)", "Workshop Papers (1)", "Preprints (1)",
        "Theses (1)"]


def test_topic_groups_configured_first_then_other(built):
    scope = section(html(built, "grouped"), "by-topic")
    assert [r.get_text() for r in scope.select("p.rubric")] == [
        "KV Cache Management", "Agentic Systems", "Other"]
    lists = scope.select("ul.pub-list")
    assert titles(lists[1]) == ["A Workshop Paper", "Fast Caching for Agents"]
    assert scope.select("details.pub-toggle") == []  # :toggles: none


def test_selected_limit_and_max_authors_option(built):
    soup = html(built, "options")
    selected = section(soup, "selected")
    assert titles(selected) == ["Fast Caching for Agents"]
    assert selected.select("details.pub-more-authors") == []  # :max-authors: 0 shows all
    assert selected.select("details.pub-abstract") == []  # :toggles: bibtex
    assert selected.select("details.pub-bibtex")
    assert titles(section(soup, "limited")) == ["Alpha To Appear", "Zeta Submitted"]


def test_long_author_list_truncated_with_expander(osdi):
    authors = osdi.select_one(".pub-authors")
    more = authors.select_one("details.pub-more-authors")
    assert more.summary.get_text() == "and 3 more"
    assert re.sub(r"\s+", " ", more.get_text()) == "and 3 more, Chen Wu, Wei Li, John Smith"
    assert authors.get_text().startswith("Qizheng Zhang*, Jörg Müller*‡, Kunle Olukotunand 3")


def test_owner_coauthor_links_and_legend(built, osdi):
    assert [o.get_text() for o in osdi.select(".pub-owner")] == ["Qizheng Zhang*"]
    assert osdi.select_one("a.pub-coauthor")["href"] == "https://example.org/kunle"
    workshop = html(built).find(id="pub-dblp-conf-wagent-li24")
    assert "Wei Li" in workshop.select_one(".pub-authors").get_text()
    assert workshop.select("a.pub-coauthor") == []  # its link was unsafe
    assert [legend.get_text() for legend in html(built).select(".pub-legend")] == [
        "* equal contribution; ‡ student"]


def test_venue_badge_with_colour_and_link(built, osdi):
    badge = osdi.select_one(".pub-aside .pub-badge")
    assert badge.get_text() == "OSDI"
    assert badge["style"] == "--pub-badge-color: #1f77b4"
    assert badge.a["href"] == "https://www.usenix.org/conference/osdi24"
    journal = html(built).find(id="pub-zhang2025alpha")
    assert journal.select(".pub-badge") == []  # no abbr field; its venues entry was invalid


def test_preview_lazy_with_alt(built, osdi):
    image = osdi.select_one("img.pub-preview")
    assert image["loading"] == "lazy"
    assert image["alt"] == "Preview of Fast Caching for Agents"
    assert (Path(built.outdir) / image["src"]).is_file()


def test_links_from_identifiers(built, osdi):
    links = {a.get_text(): a["href"] for a in osdi.select(".pub-venue a.pub-link")}
    assert links["DOI"] == "https://doi.org/10.1000/osdi"
    assert re.fullmatch(r"_downloads/[0-9a-f]+/paper\.pdf", links["pdf"])
    assert (Path(built.outdir) / links["pdf"]).read_bytes().startswith(b"%PDF")
    soup = html(built)
    arxiv = soup.find(id="pub-zhang2025zeta").select_one("a.pub-link")
    assert arxiv["href"] == "https://arxiv.org/abs/2501.00002"
    eprint = soup.find(id="pub-dblp-conf-wagent-li24").select_one("a.pub-link")
    assert eprint["href"] == "https://arxiv.org/abs/2401.00001"


def test_status_from_pubstate_and_status(built):
    soup = html(built)
    status = {li["id"]: li.select_one(".pub-status").get_text()
              for li in soup.select("li.pub") if li.select_one(".pub-status")}
    assert status == {"pub-zhang2025alpha": "to appear", "pub-zhang2025zeta": "under review"}


def test_paper_page(built, osdi):
    href = osdi.select_one("a.pub-paper-link")["href"]
    assert href == "papers/zhang2024osdi.html"
    page = BeautifulSoup((Path(built.outdir) / href).read_text("utf-8"), "html.parser")
    body = page.select_one(".portfolio-paper")
    assert body.h1.get_text() == "Fast Caching for Agents"
    assert body.select_one(".pub-owner").get_text() == "Qizheng Zhang*"
    venue = body.select_one(".pub-venue").get_text()
    assert venue == "USENIX Symposium on Operating Systems Design and Implementation (OSDI), 2024"
    assert "</script><script>" in body.select_one(".pub-abstract").get_text()
    assert body.select_one(".pub-bibtex pre").get_text() == (
        Path(built.outdir) / "_bib" / "zhang2024osdi.bib").read_text("utf-8")
    links = {a.get_text(): a["href"] for a in body.select(".pub-page-links a")}
    assert links["In the publication list"] == "../index.html#pub-zhang2024osdi"
    assert links["Download .bib"] == "../_bib/zhang2024osdi.bib"
    assert (Path(built.outdir) / "papers" / links["pdf"]).is_file()


def test_paper_page_meta_tags_and_json_ld(built):
    raw = (Path(built.outdir) / "papers" / "zhang2024osdi.html").read_text("utf-8")
    page = BeautifulSoup(raw, "html.parser")
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("We show that caching works & helps.")
    meta = [(m["name"], m["content"]) for m in page.select("meta[name^=citation_]")]
    assert meta[:2] == [("citation_title", "Fast Caching for Agents"),
                        ("citation_author", "Qizheng Zhang")]
    assert [c for n, c in meta if n == "citation_author"][-1] == "John Smith"
    assert ("citation_publication_date", "2024/03") in meta
    assert ("citation_conference_title", "USENIX Symposium on Operating Systems Design and "
            "Implementation (OSDI)") in meta
    assert ("citation_doi", "10.1000/osdi") in meta
    pdf = dict(meta)["citation_pdf_url"]
    assert re.fullmatch(r"https://example.org/site/_downloads/[0-9a-f]+/paper\.pdf", pdf)
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    assert raw.count("</script>") == len(page.select("script"))  # the abstract cannot close it
    data = json.loads(scripts[0].string)
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == "Fast Caching for Agents"
    assert [a["name"] for a in data["author"]][:2] == ["Qizheng Zhang", "Jörg Müller"]
    assert data["datePublished"] == "2024-03"
    assert data["abstract"].endswith("</script><script>alert(1)</script>")
    assert data["sameAs"] == ["https://doi.org/10.1000/osdi"]


def test_paper_page_note_links_only_safe_ones(built):
    raw = (Path(built.outdir) / "papers" / "zhang2025zeta.html").read_text("utf-8")
    note = BeautifulSoup(raw, "html.parser").select_one(".portfolio-paper .pub-note")
    assert note.get_text() == "See bad and the project."
    assert [a["href"] for a in note.select("a")] == ["https://example.org/y"]
    assert "javascript" not in raw


def test_paper_page_per_key(built):
    pages = sorted(p.name for p in (Path(built.outdir) / "papers").iterdir())
    assert len(pages) == 5
    assert any(p.startswith(COLON_KEY_STEM) for p in pages)
    thesis = BeautifulSoup((Path(built.outdir) / "papers" / "zhang2023thesis.html").read_text(),
                           "html.parser")
    assert thesis.find("meta", attrs={"name": "citation_dissertation_institution"})[
        "content"] == "Stanford University"


def test_publication_stats(built):
    soup = html(built, "options")
    by_year, by_type = soup.select(".portfolio-stats")
    assert by_year.select_one(".pub-stats-total").get_text() == "5 publications"
    assert [li.get_text() for li in by_year.select("li")] == ["2025: 2", "2024: 2", "2023: 1"]
    assert [li.get_text() for li in by_type.select("li")] == [
        "Journal Articles: 1", "Conference Papers: 1", "Workshop Papers: 1", "Preprints: 1",
        "Theses: 1"]


def test_text_output(build_root):
    app = build_root(NAME, "text")
    out = text(app).replace("**", "")
    assert "Qizheng Zhang*, Jörg Müller*‡, Kunle Olukotun, Chen Wu, Wei Li, John Smith" in out
    assert "and 3 more" not in out
    assert "[OSDI]" in out
    assert "Abstract\n" in out and "We show that caching works & helps." in out
    assert "   @inproceedings{zhang2024osdi," in out  # BibTeX as an indented literal block
    assert "Download .bib" not in out and "Paper page" not in out


def test_latex_output(build_root):
    app = build_root(NAME, "latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    assert r"\textbf{BibTeX}" in tex and r"\textbf{Abstract}" in tex
    assert r"\begin{sphinxVerbatim}" in tex and "@inproceedings" in tex
    assert "Chen Wu, Wei Li, John Smith" in tex
    assert "and 3 more" not in tex and "Download .bib" not in tex


def test_man_page_shows_each_toggle_label_on_its_own_line(build_root):
    app = build_root(NAME, "man")
    page = next(Path(app.outdir).glob("*.1")).read_text("utf-8")
    assert "\n.sp\nAbstract\n.sp\nWe show that caching works" in page
    assert "\n.sp\nBibTeX\n.sp\n.INDENT" in page
    assert "and 3 more" not in page


def test_texinfo_shows_each_toggle_label_as_a_paragraph(build_root):
    app = build_root(NAME, "texinfo")
    page = next(Path(app.outdir).glob("*.texi")).read_text("utf-8")
    assert re.search(r"\nAbstract\n\n+We show that caching works", page)
    assert re.search(r"\nBibTeX\n\n+@example", page)
    assert "and 3 more" not in page


def test_dirhtml_links(build_root):
    app = build_root(NAME, "dirhtml")
    soup = BeautifulSoup((Path(app.outdir) / "options" / "index.html").read_text(), "html.parser")
    li = soup.find(id="pub-zhang2024osdi")
    assert li.select_one("a.pub-paper-link")["href"] == "../papers/zhang2024osdi/"
    assert li.select_one("a.pub-bibfile-link")["href"] == "../_bib/zhang2024osdi.bib"
    page = Path(app.outdir) / "papers" / "zhang2024osdi" / "index.html"
    paper = BeautifulSoup(page.read_text(), "html.parser")
    links = {a.get_text(): a["href"] for a in paper.select(".pub-page-links a")}
    assert links["Download .bib"] == "../../_bib/zhang2024osdi.bib"
    assert links["In the publication list"] == "../../#pub-zhang2024osdi"


def test_parallel_build_writes_pages_and_files(build_root):
    app = build_root(NAME, "html", parallel=2)
    assert len(list((Path(app.outdir) / "_bib").glob("*.bib"))) == 5
    assert len(list((Path(app.outdir) / "papers").glob("*.html"))) == 5
    soup = html(app, "options")
    assert soup.find(id="pub-zhang2024osdi").select_one("a.pub-paper-link")


def test_editing_the_venues_file_updates_the_badges(tmp_path):
    """The venues file is a dependency of every list: a new colour shows after a rebuild."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{NAME}", src)
    for colour in ("#1f77b4", "#aa0000"):
        venues = src / "_data" / "venues.yaml"
        venues.write_text(venues.read_text().replace("#1f77b4", colour))
        app = build_app(src)
        badge = html(app).find(id="pub-zhang2024osdi").select_one(".pub-badge")
        assert badge["style"] == f"--pub-badge-color: {colour}"


def test_bib_files_follow_the_entries_and_only_changed_ones_are_written(tmp_path):
    """A rebuild leaves unchanged .bib files alone, rewrites an edited entry's and deletes a
    removed entry's; a file deleted from the output comes back."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{NAME}", src)
    folder = src / "_build" / "html" / "_bib"

    def build() -> dict[str, int]:
        build_app(src)
        return {path.name: path.stat().st_mtime_ns for path in folder.glob("*.bib")}

    first = build()
    assert len(first) == 5
    assert build() == first  # nothing changed, nothing written
    bib = src / "refs.bib"
    text = bib.read_text("utf-8")
    thesis = text.index("@phdthesis{zhang2023thesis")
    bib.write_text(text[:thesis].replace("{Alpha To Appear}", "{Alpha Has Appeared}"), "utf-8")
    (folder / "zhang2025zeta.bib").unlink()
    after = build()
    assert "zhang2023thesis.bib" not in after
    assert after["zhang2025alpha.bib"] != first["zhang2025alpha.bib"]
    assert "{Alpha Has Appeared}" in (folder / "zhang2025alpha.bib").read_text("utf-8")
    assert "zhang2025zeta.bib" in after
    assert after["zhang2024osdi.bib"] == first["zhang2024osdi.bib"]


def test_singlehtml_links_bib_files_but_no_pages(build_root):
    app = build_root(NAME, "singlehtml")
    soup = html(app)
    assert soup.find(id="pub-zhang2024osdi").select_one("a.pub-bibfile-link")["href"] == (
        "_bib/zhang2024osdi.bib")
    assert (Path(app.outdir) / "_bib" / "zhang2024osdi.bib").is_file()
    assert "Paper page" not in str(soup)


def test_epub_has_no_links_to_files_it_lacks(build_root):
    app = build_root(NAME, "epub", confoverrides={"version": "1"})
    page = (Path(app.outdir) / "index.xhtml").read_text("utf-8")
    assert "Fast Caching for Agents" in page
    assert "Download .bib" not in page and "Paper page" not in page and "pub-actions" not in page


def test_missing_optional_files_do_not_reread_pages_until_they_appear(tmp_path):
    """Without a venues file nothing is read again on a rebuild; once one is added, the lists
    are read again and show its badges."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-publications", src)
    changed = []
    for step in ("first", "again", "venues added"):
        if step == "venues added":
            (src / "_data" / "venues.yaml").write_text('ConfT:\n  color: "#123456"\n')
        app = build_app(src)
        changed.append(re.search(r"updating environment: .*? (\d+) changed",
                                 app.status.getvalue()).group(1))
    assert changed[1] == "0" and int(changed[2]) > 0
    badge = html(app).find(id="pub-zhang2024first").select_one(".pub-badge")
    assert badge["style"] == "--pub-badge-color: #123456"
