"""Every build mode shows what the data says: incremental, parallel, repeated, every builder."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ROOTS, build_app, copy_site, sphinx_build

#: A page that only cites through sphinxcontrib-bibtex's role, and the page with the bibliography.
EXTRA_PAGES = {
    "cite-only.md": "---\norphan: true\n---\n# Cited\n\nSee {cite}`liu2024cachegen`.\n",
    "bibliography.md": "---\norphan: true\n---\n# Bibliography\n\n```{bibliography}\n```\n",
    "pub-other.md": "---\norphan: true\n---\n# Other\n\nSee {pub}`du2020dds`.\n",
}


def sphinx(site: Path, out: Path, *extra: str, builder: str = "html", strict: bool = True) -> str:
    """Build *site* into *out* with -W (doctrees beside it); return the log."""
    if not strict:
        return run_sphinx(site, out, *extra, builder=builder).stderr
    result = run_sphinx(site, out, "-W", "--keep-going", *extra, builder=builder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return result.stdout


def run_sphinx(site: Path, out: Path, *extra: str, builder: str) -> subprocess.CompletedProcess:
    doctrees = out.with_name(out.name + ".doctrees")
    return sphinx_build(["-b", builder, "-c", str(site), "-d", str(doctrees), *extra,
                         str(site / "docs"), str(out)], site)


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ between two output folders."""
    found = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files,
                                               shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


def mtimes(out: Path) -> dict[str, int]:
    """Modification times of the pages made from source files. (Sphinx writes the pages not
    made from a source, such as genindex.html and search.html, on every build, whatever
    changed; test_paper_pages.py follows the paper pages.)"""
    docs = out.parent / "docs"
    pages = {str(p.relative_to(docs).with_suffix(".html")) for p in docs.rglob("*.md")}
    return {page: (out / page).stat().st_mtime_ns for page in pages if (out / page).exists()}


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> tuple[Path, Path]:
    """The seed site with extra pages, built once, and a copy of it as built."""
    site = copy_site(tmp_path_factory.mktemp("incremental") / "site")
    for name, content in EXTRA_PAGES.items():
        (site / "docs" / name).write_text(content, "utf-8")
    sphinx(site, site / "out", "-E")
    return with_snapshot(site)


def with_snapshot(site: Path) -> tuple[Path, Path]:
    """*site* and a copy of it beside it, modification times kept (Sphinx compares them)."""
    snapshot = site.with_name("snapshot")
    shutil.copytree(site, snapshot)
    return site, snapshot


def restored(built: tuple[Path, Path]) -> Path:
    """The built site as it was when its snapshot was taken, whatever an earlier test did to
    it (at the same path: Sphinx starts afresh when its source folder moves)."""
    site, snapshot = built
    shutil.rmtree(site)
    shutil.copytree(snapshot, site)
    return site


@pytest.fixture
def site(built_site) -> Path:
    return restored(built_site)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def rebuilt(site: Path, tmp_path: Path, stamps: Callable[[Path], dict[str, int]], *extra: str,
            builder: str = "html") -> tuple[dict[str, int], dict[str, int]]:
    """Incremental build vs a fresh -E build: byte-identical. Returns the output's *stamps*
    before and after the incremental build."""
    before = stamps(site / "out")
    sphinx(site, site / "out", *extra, builder=builder)
    sphinx(site, tmp_path / "fresh", *extra, "-E", builder=builder)
    assert differences(site / "out", tmp_path / "fresh") == []
    return before, stamps(site / "out")


def rebuild_and_compare(site: Path, tmp_path: Path) -> set[str]:
    """Incremental build vs a fresh -E build: byte-identical. Returns the pages rewritten."""
    before, after = rebuilt(site, tmp_path, mtimes)
    return {page for page, stamp in after.items() if before.get(page) != stamp}


# Each edit, applied to the built site, with the pages it must rewrite (at least) and the
# pages it must leave alone. (Sphinx itself rewrites index.html whenever a page in its toctree
# is read again, so index.html is never "left alone".)
EDITS = [
    ("bib-pub-role", "refs.bib", "Caravan: Practical Online Learning",
     "Caravan: Practical and Online Learning",
     {"index.html", "publications.html"}, {"teaching.html", "cite-only.html"}),
    ("bib-cite-role", "refs.bib", "{CacheGen: KV Cache Compression",
     "{CacheGen: A KV Cache Compression",
     {"cite-only.html", "bibliography.html", "index.html"}, {"teaching.html", "pub-other.html"}),
    ("bib-listed-only", "refs.bib", "year         = {2025},",
     "year         = {2025},\n  note         = {Edited},",
     {"publications.html"}, {"teaching.html", "cite-only.html", "pub-other.html"}),
    ("overlay", "docs/_data/publications.yaml", "for making a nice", "for making a very nice",
     {"publications.html"}, {"teaching.html", "pub-other.html"}),
    ("teaching", "docs/_data/teaching.yaml", "Operating Systems", "Operating Systems II",
     {"teaching.html"}, {"publications.html", "pub-other.html"}),
    ("service", "docs/_data/service.yaml", "Shadow PC", "Shadow PC member",
     {"service.html"}, {"publications.html", "pub-other.html"}),
    ("education", "docs/_data/education.yaml", "Three majors in", "Three major subjects in",
     {"cv.html"}, {"publications.html", "pub-other.html"}),
    ("profile", "docs/_data/profile.yaml", "CS Ph.D. student", "Computer Science Ph.D. student",
     {"index.html", "publications.html", "teaching.html", "cite-only.html"}, set()),
]


@pytest.mark.parametrize(("name", "file", "old", "new", "rewritten", "untouched"), EDITS,
                         ids=[e[0] for e in EDITS])
def test_incremental_build_equals_fresh_build(site, tmp_path, name, file, old, new, rewritten,
                                              untouched):
    edit(site / file, old, new)
    pages = rebuild_and_compare(site, tmp_path)
    assert rewritten <= pages, pages
    assert not untouched & pages, pages


def test_rebuild_without_change_rewrites_nothing(site):
    before = mtimes(site / "out")
    log = sphinx(site, site / "out")
    assert "no targets are out of date" in log
    assert mtimes(site / "out") == before


def test_unknown_pub_key_page_updates_when_the_key_appears(site, tmp_path):
    page = site / "docs" / "pub-new.md"
    page.write_text("---\norphan: true\n---\n# New\n\nSee {pub}`later2026`.\n", "utf-8")
    log = sphinx(site, site / "out", strict=False)
    assert "unknown publication key 'later2026'" in log
    with (site / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@misc{later2026,\n  title = {Later Work},\n  author = {Zhang, Qizheng},\n"
                  "  year = {2026},\n}\n")
    pages = rebuild_and_compare(site, tmp_path)
    assert "pub-new.html" in pages
    assert "Later Work" in (site / "out" / "pub-new.html").read_text("utf-8")


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("modes"))
    sphinx(site, site / "serial", "-E")
    return site


@pytest.mark.parametrize("jobs", ["2", "auto"])
def test_parallel_build_equals_serial(serial, jobs):
    out = serial / f"parallel-{jobs}"
    sphinx(serial, out, "-E", "-j", jobs)
    assert differences(serial / "serial", out) == []


def test_two_fresh_builds_are_identical(serial):
    sphinx(serial, serial / "again", "-E")
    assert differences(serial / "serial", serial / "again") == []


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "latex", "text", "epub"])
def test_every_builder_without_warnings(serial, builder):
    sphinx(serial, serial / builder, "-E", builder=builder)


def test_dirhtml_links_between_pages_work(serial):
    out = serial / "dirhtml"
    if not out.exists():
        sphinx(serial, out, "-E", builder="dirhtml")
    index = (out / "index.html").read_text("utf-8")
    links = set(re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', index))
    pages = {link for link in links if not link.startswith("_")}
    assert "publications/" in pages
    for link in pages:
        assert (out / link / "index.html").exists() or (out / link).is_file(), link
    # {pub} references go to the entry's anchor on the publications page.
    anchor = re.search(r'href="(publications/#pub-zhang2024caravan)"', index)
    assert anchor, "no {pub} link into the publications page"
    target = (out / "publications" / "index.html").read_text("utf-8")
    assert 'id="pub-zhang2024caravan"' in target



def small_site(site: Path, bib: str) -> None:
    """A site of one BibTeX file and pages still to write, in docs/."""
    (site / "docs").mkdir(parents=True)
    (site / "conf.py").write_text(
        'extensions = ["myst_parser", "portfolio"]\nbibtex_bibfiles = ["refs.bib"]\n'
        'portfolio_owner = ["Doe, Jane"]\nportfolio_profile = ""\n', "utf-8")
    (site / "refs.bib").write_text(bib, "utf-8")


def test_pub_reference_follows_its_entry_to_another_page(tmp_path):
    """A page's ``{pub}`` link is rewritten when the entry moves to another list, though
    neither that page nor the entry changed."""
    site = tmp_path / "site"
    small_site(site, "@article{k1,\n  title = {Moving Paper},\n  author = {Doe, Jane},\n"
                     "  journal = {J},\n  year = {2020},\n}\n")
    pages = {"index": "# Home\n\n```{toctree}\nlist-a\nlist-b\nref\n```\n",
             "list-a": "# A\n\n```{publications}\n:year: 2020\n```\n",
             "list-b": "# B\n\n```{publications}\n```\n",
             "ref": "# Ref\n\nSee {pub}`k1`.\n"}
    for name, text in pages.items():
        (site / "docs" / f"{name}.md").write_text(text, "utf-8")
    sphinx(site, site / "out", "-E")
    assert 'href="list-a.html#pub-k1"' in (site / "out" / "ref.html").read_text("utf-8")
    edit(site / "docs" / "list-a.md", ":year: 2020", ":year: 2019")
    rewritten = rebuild_and_compare(site, tmp_path)
    assert "ref.html" in rewritten
    assert 'href="list-b.html#pub-k1"' in (site / "out" / "ref.html").read_text("utf-8")


def _macro_site(site: Path) -> None:
    small_site(site, '@string{venue = "Symposium One"}\n\n'
                     "@inproceedings{k1,\n  title = {Uses the Macro},\n  author = {Doe, Jane},\n"
                     "  booktitle = venue,\n  year = {2020},\n}\n\n"
                     "@article{k2,\n  title = {Plain Entry},\n  author = {Doe, Jane},\n"
                     "  journal = {J},\n  year = {2021},\n}\n")
    (site / "docs" / "index.md").write_text("# Home\n\n```{publications}\n```\n", "utf-8")


def test_an_entry_kept_from_the_last_build_follows_its_string_macro(tmp_path):
    """Entries are parsed once and kept for the next build, keyed by their text and the
    @string macros before them: a new macro value still reaches the entry that uses it."""
    site = tmp_path / "site"
    _macro_site(site)
    sphinx(site, site / "out", "-E")
    assert "Symposium One" in (site / "out" / "index.html").read_text("utf-8")
    edit(site / "refs.bib", "Symposium One", "Symposium Two")
    rebuild_and_compare(site, tmp_path)
    page = (site / "out" / "index.html").read_text("utf-8")
    assert "Symposium Two" in page and "Symposium One" not in page


def test_a_copied_entry_is_still_a_duplicate_on_the_next_build(tmp_path):
    site = tmp_path / "site"
    _macro_site(site)
    sphinx(site, site / "out", "-E")
    bib = site / "refs.bib"
    text = bib.read_text("utf-8")
    bib.write_text(text + "\n" + text[text.index("@article{k2"):], "utf-8")
    log = sphinx(site, site / "out", strict=False)
    assert re.search(r"refs\.bib:17: WARNING: duplicate citation key 'k2' \(first defined at "
                     r"\S*refs\.bib:10\)", log), log


def test_a_rebuild_parses_and_decodes_only_the_edited_entry(tmp_path, monkeypatch):
    """After one entry is edited, pybtex parses that entry again and no other (the @string
    piece is always read, for its macros); the output is a fresh build's."""
    import portfolio.data.bibfile as bibfile

    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-publications", src)
    scanned: list[str] = []

    class Counting(bibfile._PieceScanner):  # pybtex's scanner, one per piece parsed
        def __init__(self, text, *args, **kwargs):
            scanned.append(text)
            super().__init__(text, *args, **kwargs)

    monkeypatch.setattr(bibfile, "_PieceScanner", Counting)

    def build(fresh: bool) -> str:
        app = build_app(src, freshenv=fresh)
        return (Path(app.outdir) / "index.html").read_text("utf-8")

    build(True)
    entries = len(scanned)
    assert entries > 3
    bib = src / "refs.bib"
    text = bib.read_text("utf-8")
    first = text.index("title")
    bib.write_text(text[:first] + "title = {Edited Title},\n  old" + text[first:], "utf-8")
    scanned.clear()
    incremental = build(False)
    entries_scanned = [t for t in scanned if not t.lstrip().lower().startswith("@string")]
    assert len(entries_scanned) == 1 and "Edited Title" in entries_scanned[0]
    assert "Edited Title" in incremental
    assert build(True) == incremental


def test_a_changed_setting_of_the_data_shows_on_the_next_build(tmp_path):
    """conf.py's link labels (or owner, encoding, files) change what the records hold: the next
    build loads the data again though no data file changed, and equals a fresh build."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-web", src)
    build_app(src, freshenv=True)
    relabelled = {"portfolio_link_labels": {"url": "Full text"}}
    incremental = build_app(src, confoverrides=relabelled)
    page = (Path(incremental.outdir) / "publications.html").read_text("utf-8")
    assert ">Full text</a>" in page
    fresh = build_app(src, freshenv=True, confoverrides=relabelled)
    assert (Path(fresh.outdir) / "publications.html").read_text("utf-8") == page


def test_a_rebuild_without_a_data_change_unpacks_no_record(tmp_path):
    """The records and parsed entries are saved packed (portfolio.data.packed): a rebuild in
    which no data file changed (or one was only touched) writes its pages, paper pages, .bib
    files, feed and sitemap without unpacking them; after a data change they are unpacked and
    the output is a fresh build's."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-web", src)

    def build(fresh: bool) -> SphinxTestApp:
        return build_app(src, freshenv=fresh, confoverrides={"portfolio_paper_pages": "papers"})

    def packed(app: SphinxTestApp) -> tuple[bool, bool]:
        site = app.env.get_domain("portfolio").state.site
        return "_packed" in vars(site), "_packed" in vars(site.bib)

    assert packed(build(True)) == (False, False)
    assert list((Path(src) / "_build" / "html" / "papers").glob("*.html"))
    page = src / "index.md"
    page.write_text(page.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    assert packed(build(False)) == (True, True)  # a page read again, the environment saved
    assert packed(build(False)) == (True, True)
    bib = src / "refs.bib"
    later = bib.stat().st_mtime_ns + 10**9
    os.utime(bib, ns=(later, later))  # touched, not changed: a checkout, an editor's save
    assert packed(build(False)) == (True, True)
    assert packed(build(False)) == (True, True)  # no page read, so nothing saved: again
    bib.write_text(bib.read_text("utf-8").replace("title", "title = {Edited},\n  old", 1),
                   "utf-8")
    assert packed(build(False)) == (False, False)
    incremental = (src / "_build" / "html" / "publications.html").read_text("utf-8")
    assert "Edited" in incremental
    build(True)
    assert (src / "_build" / "html" / "publications.html").read_text("utf-8") == incremental
