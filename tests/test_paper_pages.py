"""Paper pages: one rendering of the theme's page serves every paper, and each page is still
the page the theme writes for it; values are escaped for where they go; a rebuild writes only
the pages whose content changed and removes those of removed entries."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from conftest import copy_site
from portfolio.extension import setup_extension  # noqa: F401 - loaded first, as Sphinx does
from portfolio.web.papers import PAGE, PaperPages, Shell, render_page
from test_build_modes import edit, rebuilt, restored, sphinx, with_snapshot

#: Titles, names and abstracts that would break a page if a value reached it unescaped: markup,
#: a script, quotes for attributes, "</script>" for the JSON-LD, the shell's own placeholders.
HOSTILE_TITLE = "</title><script>alert(1)</script> & \"Quoted\" 'Apos' <b>x</b>"
HOSTILE_BIB = (
    "@inproceedings{hostile2024,\n"
    "  title = {" + HOSTILE_TITLE.replace("&", "\\&") + "},\n"
    "  author = {Doe, Jane and O'Brien, <i>Eve</i>},\n"
    "  booktitle = {Symposium \"One\" </script><script>alert(2)</script>},\n"
    "  abstract = {Ends the script: </script><script>alert(3)</script> & more.},\n"
    "  keywords = {a</script>b},\n"
    "  year = {2024},\n}\n\n"
)
ENTRY = ("@article{{{key},\n  title = {{{title}}},\n  author = {{Doe, Jane and Roe, Rick}},\n"
         "  journal = {{Journal {n}}},\n  year = {{{year}}},\n}}\n\n")


def bib(entries: int, hostile: bool = True) -> str:
    return (HOSTILE_BIB if hostile else "") + "".join(
        ENTRY.format(key=f"doe{n}", title=f"Generated Work {n}", n=n, year=2000 + n)
        for n in range(entries))


def write_site(site: Path, entries: int = 3, extra_conf: str = "", hostile: bool = True) -> Path:
    """A site with paper pages, its address known, one list of every entry; conf.py in the
    pages folder (``docs/``), as test roots have it."""
    docs = site / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "conf.py").write_text(
        'extensions = ["portfolio"]\nbibtex_bibfiles = ["../refs.bib"]\n'
        'portfolio_owner = ["Doe, Jane"]\nportfolio_profile = ""\nproject = "Test Site"\n'
        'html_theme = "sphinx_book_theme"\nportfolio_paper_pages = "papers"\n'
        'html_baseurl = "https://example.org/"\n' + extra_conf, "utf-8")
    (docs / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   publications\n", "utf-8")
    (docs / "publications.rst").write_text("Publications\n============\n\n.. publications::\n",
                                           "utf-8")
    (site / "refs.bib").write_text(bib(entries, hostile), "utf-8")
    return site


def build(src: Path, conf: Path, out: Path, builder: str = "html",
          pages: list[str] | None = None) -> tuple[Sphinx, int]:
    """Build in this process; *pages*, when given, collects the name of every page the theme
    renders. Then every paper page written must equal the page the theme renders for that
    paper on its own, byte for byte; returns the app and how many pages were compared."""
    with docutils_namespace():  # as sphinx-build does: the next build registers its nodes anew
        app = Sphinx(src, conf, out / builder, out / "doctrees", builder, status=None,
                     warning=StringIO(), freshenv=True)
        seen: list[str] = []
        app.connect("html-page-context", lambda app, name, *args: seen.append(name))
        app.build()
        if pages is not None:
            pages.extend(seen)  # not the pages the comparison below renders
        warnings = app._warning.getvalue()  # noqa: SLF001 - the stream given above
        assert "WARNING" not in warnings, warnings
        return app, compare_with_the_themes_pages(app)


def compare_with_the_themes_pages(app: Sphinx, folder: str = "papers") -> int:
    pages = PaperPages(app, folder)
    if pages.shell is None:
        return 0
    reference = Path(app.doctreedir) / "reference.html"
    for key in pages.domain.publications:
        pagename, title, head, body = pages.parts(key)
        render_page(app, pagename, title, head, body, outfilename=reference)
        written = Path(app.outdir) / pages.path(key)
        assert written.read_bytes() == reference.read_bytes(), key
    return len(pages.domain.publications)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Sphinx, list[str]]:
    site = write_site(tmp_path_factory.mktemp("hostile"))
    rendered: list[str] = []
    app, compared = build(site / "docs", site / "docs", site / "out", pages=rendered)
    assert compared == 4
    return app, rendered


def test_the_theme_renders_one_page_for_every_paper(hostile_site):
    """The shell is the only paper page the theme renders; the fixture has compared every
    page with the theme's own rendering of it."""
    app, rendered = hostile_site
    assert sum(name.startswith("papers/") for name in rendered) == 1
    assert len(list((Path(app.outdir) / "papers").glob("*.html"))) == 4


def test_a_page_is_complete(hostile_site):
    """Search, colour mode, navigation, meta tags: what every page of the theme has."""
    app, _ = hostile_site
    raw = (Path(app.outdir) / "papers" / "doe1.html").read_text("utf-8")
    soup = BeautifulSoup(raw, "html.parser")
    assert "DOCUMENTATION_OPTIONS.pagename = 'papers/doe1';" in raw
    assert soup.select_one('link[rel="canonical"]')["href"] == "https://example.org/papers/doe1.html"
    assert soup.select_one("html")["data-content_root"] == "../"
    assert soup.select_one(".theme-switch-button") and soup.select_one("#pst-search-dialog")
    assert soup.select_one('a[href="../publications.html"]')  # the top bar
    assert soup.select_one('script[src^="../searchindex.js"]')
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in soup.select("meta")
            if tag.get("content")}
    assert meta["og:title"] == meta["citation_title"] == "Generated Work 1"
    assert meta["og:url"] == "https://example.org/papers/doe1.html"
    assert meta["og:type"] == "article" and meta["og:site_name"] == "Test Site"
    assert meta["twitter:card"] == "summary"
    assert soup.select_one("h1.pub-title").get_text() == "Generated Work 1"
    assert soup.select_one(".pub-listed a")["href"] == "../publications.html#pub-doe1"
    assert soup.select_one(".pub-bibfile-link a")["href"] == "../_bib/doe1.bib"
    assert "portfolio~paper~" not in raw


def test_hostile_values_are_escaped_for_where_they_go(hostile_site):
    app, _ = hostile_site
    raw = (Path(app.outdir) / "papers" / "hostile2024.html").read_text("utf-8")
    soup = BeautifulSoup(raw, "html.parser")
    # text: the <title> and the heading show the title as written
    assert soup.title.get_text().startswith(HOSTILE_TITLE)
    assert soup.select_one("h1.pub-title").get_text() == HOSTILE_TITLE
    # attributes: each meta tag holds the whole value
    assert soup.select_one('meta[name="citation_title"]')["content"] == HOSTILE_TITLE
    assert soup.select_one('meta[property="og:title"]')["content"] == HOSTILE_TITLE
    assert [tag["content"] for tag in soup.select('meta[name="citation_author"]')] == [
        "Jane Doe", "<i>Eve</i> O'Brien"]
    # JSON in <script>: it parses, and holds the values as written
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["name"] == HOSTILE_TITLE
    assert data["abstract"].startswith("Ends the script: </script><script>alert(3)</script>")
    assert data["isPartOf"]["name"] == 'Symposium "One" </script><script>alert(2)</script>'
    # nothing became an element: no script runs the values, no <b> or <i> element
    assert not [s for s in soup.find_all("script") if "alert" in (s.string or "")
                and s.get("type") != "application/ld+json"]
    assert not soup.select(".portfolio-paper b, .portfolio-paper i, head b")


def test_values_that_look_like_placeholders_stay_as_written():
    shell = Shell.parse(f"<title>{'portfolio~paper~title'}</title>{PAGE}|portfolio~paper~head|"
                        "portfolio~paper~body|")
    assert shell is not None
    page = shell.fill("k1", "portfolio~paper~body", "<m>portfolio~paper~page</m>",
                      "portfolio~paper~head")
    assert page == ("<title>portfolio~paper~body</title>k1|<m>portfolio~paper~page</m>|"
                    "portfolio~paper~head|")
    assert Shell.parse("no place for the parts") is None


@pytest.mark.parametrize(("builder", "conf"), [("html", "portfolio_homepage = False\n"),
                                               ("dirhtml", "")],
                         ids=["documentation-look", "dirhtml"])
def test_pages_equal_the_themes_in_other_looks_and_builders(tmp_path, builder, conf):
    site = write_site(tmp_path / "site", extra_conf=conf)
    app, compared = build(site / "docs", site / "docs", site / "out", builder)
    assert compared == 4
    if builder == "dirhtml":
        assert (Path(app.outdir) / "papers" / "doe0" / "index.html").is_file()


def test_the_seed_sites_pages_equal_the_themes(tmp_path):
    site = copy_site(tmp_path / "seed")
    assert build(site / "docs", site, tmp_path / "out")[1] == 15


def site_with_template(tmp_path: Path, name: str, text: str) -> Path:
    """A site of two entries with a template of its own named *name*."""
    site = write_site(tmp_path / "site", entries=2, hostile=False,
                      extra_conf='templates_path = ["_templates"]\n')
    (site / "docs" / "_templates").mkdir()
    (site / "docs" / "_templates" / name).write_text(text, "utf-8")
    return site


def test_a_sites_own_template_without_the_placeholders_still_gets_whole_pages(tmp_path):
    """A site's own ``portfolio-paper.html`` that shows the body but not the head: each page is
    rendered through the theme on its own, as before."""
    site = site_with_template(tmp_path, "portfolio-paper.html", (
        '{%- extends "layout.html" %}\n{%- block body %}<div class="mine">'
        "{{ portfolio_paper_body }}</div>{%- endblock %}\n"))
    rendered: list[str] = []
    app, compared = build(site / "docs", site / "docs", site / "out", pages=rendered)
    assert compared == 0
    assert sorted(name for name in rendered if name.startswith("papers/")) == [
        "papers/doe0", "papers/doe1", f"papers/{PAGE}"]
    soup = BeautifulSoup((Path(app.outdir) / "papers" / "doe1.html").read_text("utf-8"),
                         "html.parser")
    assert soup.select_one(".mine h1.pub-title").get_text() == "Generated Work 1"
    assert "DOCUMENTATION_OPTIONS.pagename = 'papers/doe1';" in str(soup)


def test_a_sites_own_body_template_has_sphinxs_filters_and_translations(tmp_path):
    """The parts are rendered once compiled, outside the bridge: a site's own body still has
    what Sphinx gives its templates (its filters, ``_()``, ``{% trans %}``)."""
    site = site_with_template(tmp_path, "portfolio-paper-body.html", (
        '<h1 class="pub-title">{{ pub.title|e }}</h1><p class="mine" data-n="{{ "7"|toint }}">'
        '{{ _("Search") }} {% trans %}Next{% endtrans %}</p>\n'))
    app, compared = build(site / "docs", site / "docs", site / "out")
    assert compared == 2
    soup = BeautifulSoup((Path(app.outdir) / "papers" / "doe1.html").read_text("utf-8"),
                         "html.parser")
    mine = soup.select_one("p.mine")
    assert mine["data-n"] == "7" and mine.get_text() == "Search Next"


# -------------------------------------------------------------------------------- rebuilds


#: What the extension writes beside the documents' pages.
SITE_FILES = ("atom.xml", "sitemap.xml", "robots.txt")


def stamps(out: Path) -> dict[str, int]:
    """Modification time of every paper page and .bib file, the feed, sitemap and robots.txt."""
    paths = [path for folder in ("papers", "_bib") for path in (out / folder).rglob("*")
             if path.is_file()] + [out / name for name in SITE_FILES if (out / name).exists()]
    return {path.relative_to(out).as_posix(): path.stat().st_mtime_ns for path in paths}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A site of five entries and paper pages built once (with -W), and a copy of it as built."""
    site = tmp_path_factory.mktemp("rebuilds") / "site"
    write_site(site, entries=5, hostile=False, extra_conf=(
        'portfolio_profile = "_data/profile.yaml"\ntemplates_path = ["_templates"]\n'))
    (site / "docs" / "_templates").mkdir()
    (site / "docs" / "_data").mkdir()
    (site / "docs" / "_data" / "profile.yaml").write_text(
        "name: Jane Doe\nposition: Ph.D. student\n", "utf-8")
    sphinx_docs(site, site / "out")
    return with_snapshot(site)


def sphinx_docs(site: Path, out: Path, *extra: str, builder: str = "html") -> str:
    """Build with the helper of the build-mode tests (conf.py is in docs/ here)."""
    return sphinx(site, out, "-c", str(site / "docs"), *extra, builder=builder)


@pytest.fixture
def site(built) -> Path:
    return restored(built)


def rebuild(site: Path, tmp_path: Path, builder: str = "html") -> tuple[set[str], set[str]]:
    """Rebuild; the output equals a fresh build's. Returns the paper pages and .bib files
    written (new or changed) and those removed."""
    before, after = rebuilt(site, tmp_path, stamps, "-c", str(site / "docs"), builder=builder)
    return ({path for path, stamp in after.items() if before.get(path) != stamp},
            before.keys() - after.keys())


def test_a_rebuild_without_change_writes_none_of_the_extensions_files(site, tmp_path):
    assert rebuild(site, tmp_path) == (set(), set())


def test_an_edit_rewrites_that_entrys_page_and_bib_file_only(site, tmp_path):
    edit(site / "refs.bib", "Generated Work 3", "Generated Work Three")
    written, removed = rebuild(site, tmp_path)
    assert written == {"papers/doe3.html", "_bib/doe3.bib", "atom.xml"} and removed == set()
    assert "Generated Work Three" in (site / "out" / "papers" / "doe3.html").read_text("utf-8")


def test_a_removed_entry_takes_its_files_along(site, tmp_path):
    text = (site / "refs.bib").read_text("utf-8")
    start = text.index("@article{doe2,")
    (site / "refs.bib").write_text(text[:start] + text[text.index("@article{doe3,"):], "utf-8")
    assert rebuild(site, tmp_path) == ({"atom.xml", "sitemap.xml"},
                                       {"papers/doe2.html", "_bib/doe2.bib"})


def test_a_change_every_page_shows_rewrites_every_page(site, tmp_path):
    """The profile is in every page's sidebar, a part of the shell: every paper page changes."""
    edit(site / "docs" / "_data" / "profile.yaml", "Ph.D. student", "Postdoc")
    written, _ = rebuild(site, tmp_path)
    assert {path for path in written if path.startswith("papers/")} == {
        f"papers/doe{n}.html" for n in range(5)}
    assert "Postdoc" in (site / "out" / "papers" / "doe0.html").read_text("utf-8")


def test_a_sites_own_part_template_rewrites_every_page(site, tmp_path):
    """The head and body templates are part of what every page is made from."""
    (site / "docs" / "_templates" / "portfolio-paper-body.html").write_text(
        '<h1 class="pub-title">{{ pub.title|e }}</h1><p class="mine">own body</p>\n', "utf-8")
    written, _ = rebuild(site, tmp_path)
    assert {path for path in written if path.startswith("papers/")} == {
        f"papers/doe{n}.html" for n in range(5)}
    assert "own body" in (site / "out" / "papers" / "doe0.html").read_text("utf-8")


def test_a_page_that_moved_in_the_list_follows_it(site, tmp_path):
    """A paper page links to the entry in the publication list: when the list moves to another
    page, every paper page follows, though no entry changed."""
    (site / "docs" / "publications.rst").write_text("Publications\n============\n", "utf-8")
    (site / "docs" / "papers-list.rst").write_text("All\n===\n\n.. publications::\n", "utf-8")
    edit(site / "docs" / "index.rst", "   publications\n", "   publications\n   papers-list\n")
    written, _ = rebuild(site, tmp_path)
    assert {f"papers/doe{n}.html" for n in range(5)} <= written
    soup = BeautifulSoup((site / "out" / "papers" / "doe0.html").read_text("utf-8"),
                         "html.parser")
    assert soup.select_one(".pub-listed a")["href"] == "../papers-list.html#pub-doe0"


def test_dirhtml_rebuilds_remove_a_removed_entrys_folder(tmp_path):
    site = write_site(tmp_path / "site", entries=3, hostile=False)
    sphinx_docs(site, site / "out", builder="dirhtml")
    edit(site / "refs.bib", "Generated Work 1", "Generated Work One")
    written, _ = rebuild(site, tmp_path / "one", builder="dirhtml")
    assert written == {"papers/doe1/index.html", "_bib/doe1.bib", "atom.xml"}
    text = (site / "refs.bib").read_text("utf-8")
    (site / "refs.bib").write_text(text[:text.index("@article{doe1,")]
                                   + text[text.index("@article{doe2,"):], "utf-8")
    assert rebuild(site, tmp_path / "two", builder="dirhtml")[1] == {
        "papers/doe1/index.html", "_bib/doe1.bib"}
    assert not (site / "out" / "papers" / "doe1").exists()
