"""The homepage look of sphinx-book-theme and its options: top bar, search, documentation
controls, footer, Contents rail; each theme option the extension sets yields to conf.py."""

from __future__ import annotations

import re

import pytest

from conftest import html

CONTROLS = (".article-header-buttons, .btn-download-source-button, .btn-fullscreen-button, "
            ".prev-next-footer")


def flat(node) -> str:
    return re.sub(r"\s+", " ", node.get_text()).strip()


@pytest.fixture(scope="module")
def built(build_root):
    return build_root("web")


def test_top_bar_has_the_name_every_page_search_and_colour_mode(built):
    for page in ("index", "news", "cv"):
        soup = html(built, page)
        assert "portfolio-homepage" in soup.body["class"]
        header = soup.select_one(".bd-header")
        assert flat(header.select_one(".portfolio-brand")) == "Ada Q. Example"
        nav = header.select(".navbar-header-items nav a")
        assert [flat(a) for a in nav] == ["Home", "Publications", "News", "CV"]
        current = [flat(a) for a in header.select(".navbar-header-items nav li.current a")]
        assert current == [{"index": "Home", "news": "News", "cv": "CV"}[page]]
        assert len(header.select(".navbar-persistent--container .search-button-field")) == 1
        assert header.select(".theme-switch-button")
        assert not soup.select(CONTROLS)
        assert not soup.select("nav.bd-docs-nav")  # the pages are in the top bar


def test_footer_is_short(built):
    footer = html(built, "news").select_one("footer.bd-footer-content .portfolio-footer")
    assert re.fullmatch(r"© \d{4} Ada Q\. Example Built with Sphinx", flat(footer))
    assert footer.a["href"] == "https://www.sphinx-doc.org/"


def test_footer_line_and_reproducible_year(build_root, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    app = build_root("web", confoverrides={"portfolio_footer": "Photo <by> Bo"})
    footer = html(app).select_one(".portfolio-footer")
    assert flat(footer) == "© 2001 Ada Q. Example Photo <by> Bo Built with Sphinx"


def test_no_search(build_root):
    app = build_root("web", confoverrides={"portfolio_search": False})
    soup = html(app, "news")
    assert not soup.select(".search-button-field, .search-button, #pst-search-dialog")


def test_conf_py_theme_options_win(build_root):
    app = build_root("web", confoverrides={"html_theme_options": {"show_prev_next": True}})
    soup = html(app, "news")
    assert soup.select(".prev-next-footer")
    assert soup.select_one(".bd-header .portfolio-brand") is not None  # the rest is kept


@pytest.mark.parametrize(("least", "rail"), [(None, False), (1, True), (0, True), (2, False)])
def test_contents_rail_only_on_pages_with_enough_sections(build_root, least, rail):
    """The web root's home page has one section heading ("News")."""
    overrides = {} if least is None else {"portfolio_toc_min_sections": least}
    app = build_root("web", confoverrides=overrides)
    assert bool(html(app).select(".bd-sidebar-secondary")) == rail


def test_documentation_look(build_root):
    app = build_root("web", confoverrides={"portfolio_homepage": False})
    soup = html(app, "news")
    assert "portfolio-homepage" not in soup.body.get("class", [])
    assert soup.select("nav.bd-docs-nav") and soup.select(".article-header-buttons")
    assert soup.select_one(".bd-sidebar-primary .portfolio-profile") is not None
    assert not soup.select(".portfolio-brand, .portfolio-footer")
