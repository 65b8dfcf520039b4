"""Bad data gives located warnings, the rest still renders, and nothing raises."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOTS, has_warning, html, sphinx_build


@pytest.fixture(scope="module")
def built(build_root):
    return build_root("bad-input")


@pytest.fixture(scope="module")
def warnings(built) -> str:
    return built.warning.getvalue()


def test_good_entries_still_render(built):
    titles = [t.get_text() for t in html(built).select("li.pub .pub-title")]
    assert set(titles) >= {"Good One", "Good Two", "Good Three", "Café Society", "No Year",
                           "No Author", "Odd Type"}
    assert "Duplicate" not in titles


@pytest.mark.parametrize(("line", "subtype", "words"), [
    (8, "bib_syntax", "entry 'unbalanced' was skipped"),
    (14, "bib_syntax", "entry 'missingcomma' was skipped"),
    (20, "bib_macro", "undefined @string macro 'undefinedmacro'"),
    (27, "bib_duplicate", "duplicate citation key 'good1' (first defined at"),
    (32, "bib_entry", "entry 'notitle': has no title"),
    (37, "bib_entry", "year '20x5' is not a four-digit year"),
    (37, "bib_entry", "month 'smarch' is not a month"),
    (44, "bib_encoding", "this line is not UTF-8"),
    (50, "bib_entry", "entry 'noyear': has no year (or biblatex date); add one"),
    (55, "bib_entry", "entry 'noauthor': has no author; add an author field"),
    (60, "bib_entry", "entry 'oddtype': unknown entry type @weirdtype; it is shown like @misc"),
    # A name pybtex complains about is parsed again, and reported, in every entry that has it.
    (66, "bib_syntax", "entry 'commas1': Too many commas in 'Doe, Jane, Jr., Extra'"),
    (72, "bib_syntax", "entry 'commas2': Too many commas in 'Doe, Jane, Jr., Extra'"),
])
def test_bib_problems_are_located(warnings, line, subtype, words):
    assert has_warning(warnings, f"refs.bib:{line}", subtype, words), warnings


@pytest.mark.parametrize(("where", "subtype", "words"), [
    ("profile.yaml:2", "schema", "position must be a string, not an array"),
    ("profile.yaml:4", "schema", "unknown field 'githb' (did you mean 'github'?)"),
    ("teaching.yaml:5", "yaml", "YAML syntax error, column 1"),
    ("service.yaml:2", "schema", "item 1 > items must be an array, not a string"),
    ("service.yaml:3", "schema", "unknown field 'itmes' (did you mean 'items'?)"),
    ("index.md:22", "missing_file", "the file 'missing.yaml' does not exist"),
    ("index.md:3", "option", ":group: 'venue' is not a grouping"),
    ("index.md:3", "option", ":sort: 'sideways' is not an order"),
    ("index.md:8", "filter", "cannot parse filter 'year >>> 2'"),
    ("index.md:12", "filter", "uses Call, which filters do not allow"),
    ("index.md:25", "ref", "unknown publication key 'nosuchkey'"),
    ("no-course.yaml:2", "schema", "missing required field at item 2: 'course' is a required"),
    ("empty.yaml:", "empty_file", "the file is empty; add data or remove the directive"),
    ("dates.yaml:2", "yaml", "'2024-02-30' is not a real date (day is out of range for month)"),
])
def test_other_problems_are_located(warnings, where, subtype, words):
    assert has_warning(warnings, where, subtype, words), warnings


def test_unknown_cite_key(warnings):
    assert re.search(r'index\.md:36: WARNING: could not find bibtex key "nosuchcite" '
                     r"\[bibtex\.key_not_found\]", warnings), warnings


def test_valid_items_of_a_file_with_a_missing_field_kept(built):
    assert [li.get_text().strip() for li in html(built).select(".teaching-list li")] == [
        "Kept Course"]


def test_owner_never_matching_warns_once(warnings):
    assert warnings.count("[portfolio.owner]") == 1


def test_valid_yaml_items_kept(built):
    soup = html(built)
    assert [li.get_text() for li in soup.select(".service-list li")] == ["Good Role: Venue 2021"]


def test_no_traceback(warnings):
    assert "Traceback" not in warnings and "Exception" not in warnings


@pytest.mark.parametrize("content", ["", "% only a comment\n"])
def test_empty_bib(build_root, tmp_path, content):
    app = build_root("bad-input")
    path = app.srcdir / "refs.bib"
    path.write_text(content)
    app2 = type(app)("html", srcdir=app.srcdir, freshenv=True)
    try:
        app2.build()
        assert re.search(r"refs\.bib:: WARNING: this BibTeX file has no entries",
                         app2.warning.getvalue())
    finally:
        app2.cleanup()


def test_missing_bib_file(build_root):
    app = build_root("bad-input", confoverrides={"bibtex_bibfiles": ["refs.bib", "nothere.bib"]})
    warnings = app.warning.getvalue()
    assert re.search(r"nothere\.bib:: WARNING: BibTeX file not found: [^\n]*nothere\.bib; create it "
                     r"or fix bibtex_bibfiles in conf\.py \[portfolio\.missing_file\]", warnings)
    assert "Good One" in html(app).get_text()
    assert "Traceback" not in warnings


def test_warnings_as_errors_fail_the_build(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-bad-input", src)
    result = sphinx_build(["-W", "-b", "html", str(src), str(tmp_path / "out")], src)
    assert result.returncode != 0
    assert "treated as error" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
