"""Strange but possible input builds, with located warnings and never a traceback: keys of
any length or kind, macros that explode, entries BibTeX rejects, impossible dates, a filter
nested a thousand deep, and data files that are named pipes."""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOTS, has_warning, html, sphinx_build


@pytest.fixture(scope="module")
def built(build_root):
    return build_root("strange-input")


@pytest.fixture(scope="module")
def warnings(built) -> str:
    return built.warning.getvalue()


def long_key(app) -> str:
    key = re.search(r"@article\{(Doe2024[^,]*),", (Path(app.srcdir) / "refs.bib").read_text())[1]
    assert len(key) == 300
    return key


def entry(app, key: str):
    return html(app).select_one(f"li.pub[id='pub-{key}']") or next(
        li for li in html(app).select("li.pub") if li.get("id", "").startswith(f"pub-{key}"))


def test_no_traceback(built, warnings):
    assert "Traceback" not in warnings and "Exception" not in warnings
    assert (Path(built.outdir) / "index.html").exists()


@pytest.mark.parametrize(("where", "subtype", "words"), [
    ("refs.bib:24", "bib_compat", "entry 'nocomma': BibTeX rejects this entry here (no comma "
                                  "after the citation key)"),
    ("refs.bib:30", "bib_compat", "entry 'twocommas': BibTeX rejects this entry here (a comma "
                                  "with no field before it)"),
    ("refs.bib:51", "bib_expansion", "the @string macro 'a16' would be more than 100,000 "
                                     "characters long"),
    ("refs.bib:83", "bib_expansion", "entry 'wide' was skipped: its note field would be more "
                                     "than 100,000 characters long"),
    ("publications.yaml:4", "overlay_key", "the overlay has an entry '2024-01-01' that matches no"),
    ("publications.yaml:6", "overlay_key", "the overlay has an entry 'true' that matches no"),
    ("publications.yaml:8", "overlay_key", "the overlay has an entry '~' that matches no"),
    ("news.yaml:3", "schema", "date '-5' is not a real date"),
    ("news.yaml:5", "schema", "date '1234567890123456789012' is not a real date"),
    ("news.yaml:7", "schema", "date '2025-02-30' is not a real date"),
    ("index.md:6", "filter", "is nested more than 50 levels deep; write it with fewer levels"),
])
def test_located_warnings(warnings, where, subtype, words):
    assert has_warning(warnings, where, subtype, words), warnings


def test_entries_bibtex_rejects_still_render(built):
    titles = [t.get_text() for t in html(built).select("li.pub .pub-title")]
    assert {"No Comma After The Key", "Two Commas", "Macro Bomb"} <= set(titles)
    assert "Too Wide" not in titles


def test_a_300_character_key_gets_its_files(built):
    key = long_key(built)
    links = [a["href"] for a in entry(built, key[:40].lower()).select("a")]
    bib = next(link for link in links if link.startswith("_bib/"))
    paper = next(link for link in links if link.startswith("papers/"))
    for link in (bib, paper):
        assert len(Path(link).name) <= 110
        assert (Path(built.outdir) / link).is_file()
    assert key in (Path(built.outdir) / bib).read_text("utf-8")
    assert "A Very Long Key" in (Path(built.outdir) / paper).read_text("utf-8")


def test_yaml_keyed_by_numbers_and_truth_values(built):
    item = entry(built, "2024")
    assert [n.get_text() for n in item.select(".pub-note")] == ["Keyed by a number in the overlay."]
    assert item.select_one(".pub-badge a")["href"] == "https://example.org/venue-true"
    assert item.select_one("a.pub-coauthor")["href"] == "https://example.org/yes"


def test_only_real_news_dates_reach_the_page_and_the_feed(built):
    assert [li["id"] for li in html(built).select(".news-list li")] == ["news-2025-10-01"]
    feed = ET.parse(Path(built.outdir) / "atom.xml").getroot()
    updated = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}updated")]
    assert updated and all(re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", u) for u in updated)


#: The data files the pipe test replaces by named pipes.
PIPES = ("refs.bib", "_data/news.yaml", "_data/publications.yaml")


def test_data_files_that_are_named_pipes_never_hang_the_build(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-strange-input", src)
    for name in PIPES:
        (src / name).unlink()
        os.mkfifo(src / name)
    try:  # in a process of its own: a build waiting on a pipe is stopped after two minutes
        result = sphinx_build(["-q", "-b", "html", str(src), str(tmp_path / "out")], tmp_path,
                              own_process=True, timeout=120)
    finally:  # a reader still waiting on a pipe would be released by a writer
        for name in PIPES:
            try:
                os.close(os.open(src / name, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # The reader refuses the pipe, or the settings' check does before any reader is asked.
    for name in ("refs.bib", "news.yaml", "publications.yaml"):
        assert re.search(rf"WARNING: [^\n]*{re.escape(name)}[^\n]*(is a named pipe|is not a "
                         r"regular file)|" + rf"{re.escape(name)}:: WARNING: this is a named pipe",
                         result.stderr), result.stderr
    assert re.search(r"refs\.bib:: WARNING: this is a named pipe, not an ordinary file, so it is "
                     r"not read[^\n]*\[portfolio\.not_a_file\]", result.stderr), result.stderr
