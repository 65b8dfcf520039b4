"""The seed homepage, built by the README's command: every item of it is on the site."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from seed import about_paragraphs, items, plain, publications

SEED_PUBS = publications()


def page(site, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / "_build" / "html" / f"{name}.html").read_text("utf-8"),
                         "html.parser")


def flat(node) -> str:
    return re.sub(r"\s+", " ", node.get_text()).strip()


@pytest.fixture(scope="module")
def pubs_page(seed_site):
    return page(seed_site, "publications")


def entry_for(soup: BeautifulSoup, title: str):
    matches = [li for li in soup.select("li.pub") if flat(li.select_one(".pub-title")) == title]
    assert len(matches) == 1, f"{title!r} is listed {len(matches)} times"
    return matches[0]


def test_seed_has_fifteen_publications():
    assert len(SEED_PUBS) == 15


def test_all_publications_listed_in_seed_order(pubs_page):
    titles = [flat(t) for t in pubs_page.select("li.pub .pub-title")]
    assert titles == [p.title for p in SEED_PUBS]


@pytest.mark.parametrize("pub", SEED_PUBS, ids=lambda p: p.title.split(":")[0][:30])
def test_publication_renders_like_the_seed(pubs_page, pub):
    li = entry_for(pubs_page, pub.title)
    assert li["id"].startswith("pub-")
    assert flat(li.select_one(".pub-authors")) == ", ".join(pub.authors)
    owner = li.select(".pub-authors strong.pub-owner")
    assert [flat(o) for o in owner] == [pub.owner]
    assert flat(li.select_one(".pub-venue-name")) == pub.venue
    links = [(flat(a), a["href"]) for a in li.select(".pub-venue a.pub-link")]
    assert links == pub.links
    notes = li.select(".pub-note")
    assert [flat(n) for n in notes] == pub.notes
    assert [(flat(a), a["href"]) for n in notes for a in n.select("a")] == pub.note_links
    assert [flat(a) for a in li.select(".pub-award")] == pub.awards


def test_equal_contribution_legend(pubs_page):
    legends = pubs_page.select(".pub-legend")
    assert [flat(legend) for legend in legends] == ["* indicates equivalent contribution"]


def test_text_output_has_each_entry(seed_site):
    text = re.sub(r"\s+", " ", (seed_site / "_build" / "text" / "publications.txt").read_text())
    for pub in SEED_PUBS:
        assert pub.title in text
        assert ", ".join(pub.authors) in text.replace("**", "")
        venue_line = " ".join([pub.venue] + [f"[{label}]" for label, _ in pub.links])
        assert venue_line in text


def test_about_text_is_the_seeds(seed_site):
    text = re.sub(r"\s+", " ", (seed_site / "_build" / "text" / "index.txt").read_text())
    text = text.replace("**", "")
    for paragraph in about_paragraphs():
        assert paragraph in text


def test_research_areas_link_to_entries(seed_site):
    soup = page(seed_site, "index")
    refs = {flat(a): a["href"] for a in soup.select(".pub-ref a")}
    assert refs["Caravan"] == "publications.html#pub-zhang2024caravan"
    assert refs["Grace"] == "publications.html#pub-cheng2024grace"
    assert len(refs) == 9
    listed = {li["id"] for li in page(seed_site, "publications").select("li.pub")}
    assert {href.split("#")[1] for href in refs.values()} <= listed


def test_hidden_comments_stay_hidden(seed_site):
    for name in ("index",):
        html = (seed_site / "_build" / "html" / f"{name}.html").read_text()
        assert "Democratizing AI" not in html
        assert "Winter 2025" not in html
        assert "systems-reading.github.io" not in html


def test_you_might_be_looking_for(seed_site):
    soup = page(seed_site, "index")
    headings = [flat(h).rstrip("#") for h in soup.select("article h2")]
    assert "You might be looking for..." in headings
    link = soup.find("a", string="here")
    assert link["href"].startswith("https://www.google.com/maps/d/u/0/edit?mid=1IePP2h7zo")
    assert "Last updated: October 2025" in soup.get_text()


@pytest.mark.parametrize("lines", items("Teaching"), ids=lambda lines: lines[0][:20])
def test_teaching_lines(seed_site, lines):
    text = re.sub(r"\s+", " ", (seed_site / "_build" / "text" / "teaching.txt").read_text())
    for line in lines:
        assert plain(line) in text


@pytest.mark.parametrize("lines", items("Service"), ids=lambda lines: lines[0][:20])
def test_service_lines(seed_site, lines):
    soup = page(seed_site, "service")
    shown = [flat(li) for li in soup.select(".service-list > li")]
    assert plain(" ".join(lines)) in shown


def test_navigation_has_every_page(seed_site):
    """The top bar lists the home page, then every other page of the site, by its title."""
    html = seed_site / "_build" / "html"
    titles = {path.stem: flat(page(seed_site, path.stem).select_one("article h1")).rstrip("#")
              for path in html.glob("*.html") if path.stem not in ("genindex", "search", "404")}
    nav = [flat(a) for a in page(seed_site, "index").select(".bd-header .navbar-header-items nav a")]
    assert nav[0] == titles.pop("index") == "About me"
    assert sorted(nav[1:]) == sorted(titles.values())
    assert {"Publications", "Teaching", "Service"} <= set(nav)


def test_only_the_researchers_pages(seed_site):
    """The guide to this project is a site of its own, not part of the researcher's."""
    html = seed_site / "_build" / "html"
    assert not (html / "template").exists()
    assert "Using this template" not in (html / "index.html").read_text("utf-8")


def test_profile_in_sidebar_not_in_text(seed_site):
    soup = page(seed_site, "publications")
    card = soup.select_one(".portfolio-profile")
    assert flat(card.select_one(".portfolio-name")) == "Qizheng Zhang"
    assert flat(card.select_one(".portfolio-affiliation")) == "Stanford University"
    assert card.select_one(".portfolio-link-github a")["href"] == "https://github.com/Alex-q-z"
    assert soup.select_one("article").find(string=re.compile("Alex-q-z")) is None


def test_cv_lists_the_awards_of_the_papers(seed_site):
    """The seed has no awards file: the CV's awards are those of refs.bib, with their venues."""
    awards = [flat(li) for li in page(seed_site, "cv").select("ul.cv-awards > li")]
    assert awards == ["Best Paper Award, EuroSys 2025, for CacheBlend",
                      "SRC JUMP 2.0 Best Paper Award, OSDI 2024, for Caravan",
                      "Distinguished Artifact Award, ISCA 2024, for The Dataflow Abstract Machine "
                      "Simulator Framework"]
