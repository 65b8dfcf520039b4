"""What visitors and search engines get: profile card, news, feed, sitemap, robots.txt, 404 page,
Open Graph and JSON-LD; all on built HTML of small test roots."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import html, text

BASE = "https://example.org/site/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PAGES = ["index", "news", "publications", "cv"]


@pytest.fixture(scope="module")
def built(build_root):
    return build_root("web")


@pytest.fixture(scope="module")
def out(built) -> Path:
    return Path(built.outdir)


def flat(node) -> str:
    return re.sub(r"\s+", " ", node.get_text()).strip()


# Profile: the about header of the home page, the card in the sidebar of the other pages

def test_profile_shows_every_set_link_with_icon_and_label(built):
    for page, kind in (("index", "portfolio-about"), ("news", "portfolio-card")):
        profile = html(built, page).select_one(".portfolio-profile")
        assert kind in profile["class"]
        links = [(li["class"][0], flat(li.select_one(".portfolio-link-label")), li.a["href"])
                 for li in profile.select(".portfolio-links li")]
        assert links == [
            ("portfolio-link-email", "Email", "mailto:ada@example.org"),
            ("portfolio-link-github", "GitHub", "https://github.com/example"),
            ("portfolio-link-scholar", "Google Scholar",
             "https://scholar.google.com/citations?user=example"),
            ("portfolio-link-orcid", "ORCID", "https://orcid.org/0000-0000-0000-0000"),
            ("portfolio-link-linkedin", "LinkedIn", "https://www.linkedin.com/in/example"),
            ("portfolio-link-bluesky", "Bluesky", "https://bsky.app/profile/example.org"),
            ("portfolio-link-cv", "CV", "cv.html"),
        ]
        for li in profile.select(".portfolio-links li"):
            icon = li.select_one("span.portfolio-icon")
            assert icon["aria-hidden"] == "true"
            assert f"portfolio-icon-{li['class'][0].removeprefix('portfolio-link-')}" in icon["class"]


def test_every_link_kind_has_an_icon():
    """Each profile link kind, and each icon the templates and entries use, is drawn."""
    from portfolio.data.records import PROFILE_LINK_LABELS

    css = (Path(__file__).parents[1] / "_ext/portfolio/static/portfolio-icons.css").read_text()
    drawn = set(re.findall(r"^\.portfolio-icon-([\w]+) \{ --portfolio-icon: url\(", css, re.M))
    assert set(PROFILE_LINK_LABELS) | {"bib", "page", "person"} <= drawn


def test_about_header_text(built):
    about = html(built).select_one(".portfolio-about")
    assert flat(about.select_one(".portfolio-name")) == "Ada Q. Example"
    assert flat(about.select_one(".portfolio-about-position")) == "Ph.D. student, Example University"
    assert about.select_one(".portfolio-affiliation a")["href"] == "https://example.edu/"
    assert flat(about.select_one(".portfolio-about-aka")) == "Also Ace · Pronunciation: AY-duh"
    # The page's own title follows it; the home page has no sidebar card.
    assert about.find_next("h1").get_text(strip=True).startswith("Home")
    assert not html(built).select(".portfolio-card")


def test_sidebar_card_text(built):
    card = html(built, "news").select_one(".bd-sidebar-primary .portfolio-card")
    assert flat(card.select_one(".portfolio-name")) == "Ada Q. Example"
    assert flat(card.select_one(".portfolio-position")) == "Ph.D. student"
    assert card.select_one(".portfolio-affiliation a")["href"] == "https://example.edu/"
    # What a reader looks for first: no pronunciation or other name in the card.
    assert not card.select(".portfolio-pronunciation, .portfolio-aka")
    assert not html(built, "news").select(".portfolio-about")


def test_placeholder_photo_says_so(built):
    for page in ("index", "news"):
        placeholder = html(built, page).select_one(".portfolio-avatar-placeholder")
        assert placeholder["role"] == "img"
        assert "no photo" in placeholder["aria-label"]
        assert flat(placeholder) == ""  # a silhouette, not initials
        assert html(built, page).select_one("img.portfolio-avatar") is None


def test_cv_link_is_relative_to_each_page(built):
    for page in PAGES[:-1]:
        assert html(built, page).select_one(".portfolio-link-cv a")["href"] == "cv.html"


# News

NEWEST_FIRST = ["Jan 2, 2025 Joined the reading group.",
                "Mar 12, 2024 First Paper accepted at ConfT 2024 <script>alert(1)</script>",
                "Mar 12, 2024 Gave a talk on the same day.",
                "May 2023 Started the Ph.D. at Example University.",
                "2022 Graduated."]


def test_news_archive_lists_all_newest_first(built):
    items = html(built, "news").select(".news-list > li")
    assert [flat(li) for li in items] == NEWEST_FIRST
    assert [li["id"] for li in items] == ["news-2025-01-02", "news-2024-03-12",
                                         "news-2024-03-12-2", "news-2023-05", "news-2022"]
    assert items[0].select_one("a")["href"] == "https://example.org/rg"
    assert items[1].select_one("strong").get_text() == "First Paper"
    assert items[1].find("script") is None


def test_home_news_is_limited_with_link_to_archive(built):
    soup = html(built)
    assert [flat(li) for li in soup.select(".news-list > li")] == NEWEST_FIRST[:2]
    more = soup.select_one(".news-more a")
    assert flat(more) == "All news" and more["href"] == "news.html"


def test_news_in_text_output(build_root):
    app = build_root("web", "text")
    assert "Jan 2, 2025 Joined the reading group." in text(app, "news")


def test_news_bad_items_are_reported_and_the_rest_kept(build_root):
    app = build_root("web", "html", confoverrides={"portfolio_news": "bad-news.yaml"})
    warnings = app.warning.getvalue()
    assert "bad-news.yaml:3: WARNING: date '2024-02-30' is not a real date" in warnings
    assert "bad-news.yaml:5: WARNING: missing required field at item 3" in warnings
    assert "bad-news.yaml:1: WARNING: date '2024-13' is not a real date" in warnings
    assert [flat(li) for li in html(app, "news").select(".news-list > li")] == ["Mar 2024 Kept."]


def test_impossible_yaml_date_is_a_located_warning(build_root):
    app = build_root("web", "html", confoverrides={"portfolio_news": "bad-date.yaml"})
    assert "bad-date.yaml:1: WARNING: YAML syntax error, column 9: '2024-13-01' is not a real " \
        "date" in app.warning.getvalue()
    assert not html(app, "news").select(".news-list")


# Feed

def test_feed_is_valid_atom_with_publications_and_news(out):
    parsed = feedparser.parse((out / "atom.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Ada Example: publications and news"
    assert parsed.feed.author == "Ada Q. Example"
    links = [(e.title, e.link) for e in parsed.entries]
    assert links == [
        ("Joined the reading group.", BASE + "news.html#news-2025-01-02"),
        ("First Paper accepted at ConfT 2024 <script>alert(1)</script>",
         BASE + "news.html#news-2024-03-12"),
        ("Gave a talk on the same day.", BASE + "news.html#news-2024-03-12-2"),
        ("First Paper: Fast & Small", BASE + "publications.html#pub-example2024first"),
        ("Started the Ph.D. at Example University.", BASE + "news.html#news-2023-05"),
        ("A Journal Paper", BASE + "publications.html#pub-example2022journal"),
        ("Graduated.", BASE + "news.html#news-2022"),
    ]
    pub = parsed.entries[3]
    assert pub.updated == "2024-03-01T00:00:00Z"
    assert pub.summary == "Ada Example, Bo Other. Conference on Testing (ConfT), 2024."
    related = [(link.rel, link.href) for link in pub.links][1:]
    assert related == [("related", "https://example.org/first.pdf")]


def test_feed_has_what_atom_requires(out):
    """RFC 4287: feed and entries each have one id, title and updated; ids are unique."""
    feed = ET.parse(out / "atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for element in (feed, *feed.findall(f"{ATOM}entry")):
        for tag in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{tag}")) == 1, (tag, ET.tostring(element))
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", element.findtext(f"{ATOM}updated"))
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids)) and all(i.startswith(BASE) for i in ids)
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == BASE + "atom.xml"


@pytest.mark.parametrize("page", PAGES + ["404", "genindex", "search"])
def test_every_page_links_the_feed(built, page):
    link = html(built, page).select_one('head link[rel="alternate"][type="application/atom+xml"]')
    assert link is not None and link["href"].endswith("atom.xml")


# Search engines

def test_sitemap_lists_every_page_absolutely(out):
    root = ET.parse(out / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    locs = sorted(loc.text for loc in root.iter(f"{SITEMAP}loc"))
    assert locs == sorted(BASE + f"{page}.html" for page in PAGES)


def test_robots_txt_points_at_sitemap(out):
    assert (out / "robots.txt").read_text() == \
        f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"


@pytest.mark.parametrize("page", PAGES)
def test_open_graph_twitter_and_canonical(built, page):
    head = html(built, page).head
    meta = {m.get("property") or m.get("name"): m["content"] for m in head.select("meta[content]")}
    assert meta["og:url"] == BASE + f"{page}.html"
    assert meta["og:site_name"] == "Ada Example"
    assert meta["og:title"]
    assert meta["twitter:card"] == "summary"
    assert head.select_one('link[rel="canonical"]')["href"] == BASE + f"{page}.html"
    assert head.select_one('link[rel="icon"]')["href"].endswith("favicon.svg")


def test_person_json_ld_on_home_page_only(built):
    scripts = html(built).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    person = json.loads(scripts[0].string)
    assert person == {
        "@context": "https://schema.org", "@type": "Person", "name": "Ada Q. Example",
        "url": BASE, "alternateName": "Ace", "jobTitle": "Ph.D. student",
        "affiliation": {"@type": "Organization", "name": "Example University",
                        "url": "https://example.edu/"},
        "email": "mailto:ada@example.org",
        "sameAs": ["https://github.com/example",
                   "https://scholar.google.com/citations?user=example",
                   "https://orcid.org/0000-0000-0000-0000", "https://www.linkedin.com/in/example",
                   "https://bsky.app/profile/example.org"],
    }
    for page in PAGES[1:]:
        assert not html(built, page).select('script[type="application/ld+json"]')


def test_not_found_page_uses_absolute_links(built):
    soup = html(built, "404")
    assert "Page not found" in soup.get_text()
    css = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assert css and all(href.startswith("/site/_static/") for href in css)
    assert soup.select_one(".portfolio-link-cv a")["href"] == "/site/cv.html"


def test_without_an_address_no_sitemap_or_feed(build_root):
    app = build_root("web", "html", confoverrides={"html_baseurl": ""})
    out = Path(app.outdir)
    assert not (out / "sitemap.xml").exists() and not (out / "atom.xml").exists()
    assert (out / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    assert not html(app).select('link[type="application/atom+xml"]')
    assert "[portfolio" not in app.warning.getvalue()


def test_profile_photo_is_the_open_graph_image(build_root, tmp_path):
    app = build_root("web", "html", confoverrides={"portfolio_profile": "_data/with-photo.yaml"})
    meta = {m["property"]: m["content"] for m in html(app).select("meta[property]")}
    assert meta["og:image"] == BASE + "_static/portfolio-avatar.png"
    photo = html(app).select_one(".portfolio-about img.portfolio-avatar")
    assert photo["src"] == "_static/portfolio-avatar.png"
    assert photo["alt"] == "Photo of Ada Q. Example"
    assert photo["width"] == photo["height"] and "loading" not in photo.attrs  # the page's top
    card = html(app, "news").select_one(".portfolio-card img.portfolio-avatar")
    assert card["src"] == "_static/portfolio-avatar.png" and card["loading"] == "lazy"
    assert json.loads(html(app).select_one('script[type="application/ld+json"]').string)[
        "image"] == BASE + "_static/portfolio-avatar.png"
    photo = Path(app.srcdir) / "images" / "ada.png"
    assert (Path(app.outdir) / "_static" / "portfolio-avatar.png").read_bytes() == photo.read_bytes()


def test_missing_photo_is_a_located_warning_and_the_placeholder_shows(build_root):
    app = build_root("web", "html", confoverrides={"portfolio_profile": "_data/missing-photo.yaml"})
    assert re.search(r"missing-photo\.yaml:3: WARNING: the avatar 'images/no-such-photo\.png' is "
                     r"left out \(a placeholder shows instead\): [^\n]* does not exist[^\n]*"
                     r"\[portfolio\.missing_file\]", app.warning.getvalue()), app.warning.getvalue()
    assert html(app).select_one("img.portfolio-avatar") is None
    assert html(app).select_one(".portfolio-avatar-placeholder")["role"] == "img"


def test_parallel_build_writes_the_same_feed_sitemap_and_pages(built, build_root):
    parallel = build_root("web", "html", parallel=2)
    for name in ("atom.xml", "sitemap.xml", "robots.txt", "index.html", "news.html", "404.html"):
        assert (Path(parallel.outdir) / name).read_text() == (Path(built.outdir) / name).read_text()


def test_dirhtml_addresses(build_root):
    app = build_root("web", "dirhtml")
    out = Path(app.outdir)
    locs = sorted(loc.text for loc in ET.parse(out / "sitemap.xml").iter(f"{SITEMAP}loc"))
    assert locs == [BASE, BASE + "cv/", BASE + "news/", BASE + "publications/"]
    parsed = feedparser.parse((out / "atom.xml").read_bytes())
    assert parsed.entries[0].link == BASE + "news/#news-2025-01-02"
    head = BeautifulSoup((out / "news" / "index.html").read_text("utf-8"), "html.parser").head
    assert head.select_one('link[type="application/atom+xml"]')["href"] == "../atom.xml"


def test_documentation_look_repeats_the_card_for_narrow_screens(build_root):
    app = build_root("web", "html", confoverrides={"portfolio_homepage": False})
    narrow = html(app).select_one(".portfolio-profile-narrow.d-lg-none .portfolio-profile")
    assert flat(narrow.select_one(".portfolio-name")) == "Ada Q. Example"
    assert not html(app).select(".portfolio-about")
    for page in PAGES[1:]:
        assert not html(app, page).select(".portfolio-profile-narrow")


def test_paper_pages_are_in_sitemap_and_feed(build_root):
    app = build_root("web", "html", confoverrides={"portfolio_paper_pages": "papers"})
    out = Path(app.outdir)
    locs = {loc.text for loc in ET.parse(out / "sitemap.xml").iter(f"{SITEMAP}loc")}
    papers = {BASE + "papers/example2024first.html", BASE + "papers/example2022journal.html"}
    assert papers <= locs and all((out / url[len(BASE):]).is_file() for url in papers)
    links = {e.title: e.link for e in feedparser.parse((out / "atom.xml").read_bytes()).entries}
    assert links["First Paper: Fast & Small"] == BASE + "papers/example2024first.html"


def test_site_without_toctree_builds_its_404_page(build_root):
    """A one-page site (no toctree) still gets a 404 page with the theme's navigation."""
    app = build_root("no-toctree")
    assert (app.outdir / "404.html").is_file()
    # Apps built earlier in this module registered the same roles; that notice is not ours.
    warnings = [line for line in app.warning.getvalue().splitlines()
                if "WARNING" in line and "is already registered" not in line]
    assert warnings == []
