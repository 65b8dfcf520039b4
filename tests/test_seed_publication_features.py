"""The seed site uses the publication features that fit its data: selected papers on the home
page, BibTeX toggles (no abstracts: the seed has none), ``.bib`` downloads and a page per paper."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers.bibtex import BibTeXLexer

from seed import publications

SEED_TITLES = [p.title for p in publications()]
#: Fields of refs.bib that are the site's own and must not reach a citation manager.
SITE_FIELDS = ("code", "slides", "talk", "website", "award", "selected", "abbr", "preview")


def page(site, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / "_build" / "html" / f"{name}.html").read_text("utf-8"),
                         "html.parser")


@pytest.fixture(scope="module")
def pubs_page(seed_site):
    return page(seed_site, "publications")


def test_home_page_lists_the_selected_papers(seed_site):
    soup = page(seed_site, "index")
    titles = [t.get_text() for t in soup.select("li.pub .pub-title")]
    assert titles == [
        "Agentic Plan Caching: Test-Time Memory for Cost-Efficient LLM Agents",
        "CacheBlend: Fast Large Language Model Serving for RAG with Cached Knowledge Fusion",
        "CacheGen: KV Cache Compression and Streaming for Fast Large Language Model Serving",
        "Caravan: Practical Online Learning of In-Network ML Models with Labeling Agents"]
    assert soup.select("details.pub-toggle") == []  # :toggles: none


def test_every_entry_has_a_bibtex_toggle_and_no_abstract(pubs_page):
    entries = pubs_page.select("li.pub")
    assert len(entries) == len(SEED_TITLES)
    for li in entries:
        assert li.select_one("details.pub-bibtex > summary").get_text() == "BibTeX"
        assert li.select("details.pub-abstract") == []


def test_bibtex_shown_is_the_entry_without_site_fields(seed_site, pubs_page):
    li = pubs_page.find(id="pub-zhang2024caravan")
    shown = li.select_one("details.pub-bibtex pre").get_text()
    names = re.findall(r"^  ([\w+]+) = ", shown, re.M)
    assert names == ["author", "title", "booktitle", "year", "url", "keywords"]
    assert not set(names) & set(SITE_FIELDS)
    assert "title = {{Caravan: Practical Online Learning" in shown
    href = li.select_one("a.pub-bibfile-link")["href"]
    assert href == "_bib/zhang2024caravan.bib"
    assert (seed_site / "_build" / "html" / href).read_text("utf-8") == shown


def test_bibtex_is_highlighted_and_not_searched(seed_site, pubs_page):
    block = pubs_page.find(id="pub-zhang2024caravan").select_one("details.pub-bibtex")
    assert block.select_one("div.highlight-bibtex > div.highlight > pre span.nc").get_text() \
        == "@inproceedings"
    blocks = pubs_page.select("details.pub-bibtex div.highlight")
    assert len(blocks) == len(pubs_page.select("li.pub"))
    for shown in blocks:  # exactly what Pygments' BibTeX lexer makes of the text
        expected = highlight(shown.get_text(), BibTeXLexer(), HtmlFormatter())
        assert str(shown) == str(BeautifulSoup(expected, "html.parser").div)
    index = (seed_site / "_build" / "html" / "searchindex.js").read_text("utf-8")
    index = json.loads(index[index.index("(") + 1:index.rindex(")")])
    pubs = index["docnames"].index("publications")

    def pages(term: str) -> list[int]:
        found = index["terms"].get(term, [])
        return found if isinstance(found, list) else [found]

    assert pubs in pages("caravan")  # the entries are searched, their BibTeX source is not
    assert pubs not in pages("booktitl") and pubs not in pages("inproceed")


def test_a_page_per_paper_with_scholar_meta(seed_site, pubs_page):
    li = pubs_page.find(id="pub-zhang2024caravan")
    href = li.select_one("a.pub-paper-link")["href"]
    assert href == "papers/zhang2024caravan.html"
    paper = page(seed_site, "papers/zhang2024caravan")
    meta = [(m["name"], m["content"]) for m in paper.select("meta[name^=citation_]")]
    assert meta[0] == ("citation_title", "Caravan: Practical Online Learning of In-Network ML "
                                         "Models with Labeling Agents")
    assert ("citation_author", "Qizheng Zhang") in meta
    assert ("citation_publication_date", "2024") in meta
    data = json.loads(paper.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "ScholarlyArticle"
    assert paper.select_one(".pub-listed a")["href"] == "../publications.html#pub-zhang2024caravan"
    pages = list((seed_site / "_build" / "html" / "papers").glob("*.html"))
    assert len(pages) == len(SEED_TITLES)


def test_seed_text_shows_bibtex_as_literal(seed_site):
    text = (seed_site / "_build" / "text" / "publications.txt").read_text("utf-8")
    assert "@inproceedings{zhang2024caravan," in text
    assert "Download .bib" not in text


def test_paper_page_notes_match_the_list(seed_site, pubs_page):
    listed = pubs_page.find(id="pub-zhang2024caravan").select(".pub-note")
    paper = page(seed_site, "papers/zhang2024caravan").select(".portfolio-paper .pub-note")
    assert [n.get_text() for n in paper] == [n.get_text() for n in listed]
    assert [a["href"] for n in paper for a in n.select("a")] == [
        a["href"] for n in listed for a in n.select("a")]
    assert len(paper) == 1 and len(paper[0].select("a")) == 2
