"""The BibTeX reader: pieces parsed once and kept while their macros stay the same."""

from __future__ import annotations

import pytest

from portfolio.data import bibfile
from portfolio.data.bibfile import parse_bibfiles


@pytest.fixture
def bib(tmp_path):
    """``bib(text, parsed=None)``: parse *text* as ``refs.bib``, reusing *parsed* pieces."""
    path = tmp_path / "refs.bib"

    def parse(text: str, parsed=None):
        path.write_text(text, "utf-8")
        return parse_bibfiles([path], parsed=parsed)

    return parse


def entry(key: str, field: str = "{Venue}") -> str:
    return f"@article{{{key},\n  title = {{T {key}}},\n  journal = {field},\n  year = 2020,\n}}\n"


def test_unchanged_pieces_are_not_parsed_again(bib):
    first = bib(entry("a") + entry("b"))
    second = bib(entry("a") + entry("b", "{Other}"), first.parsed)
    assert second.data.entries["a"] is first.data.entries["a"]
    assert second.data.entries["b"] is not first.data.entries["b"]
    assert second.data.entries["b"].fields["journal"] == "Other"


@pytest.mark.parametrize("command", ["@string", "@STRING", "@ string", "@string ", "@String("])
def test_a_piece_whose_macro_changed_is_parsed_again(bib, command):
    close = ")" if command.endswith("(") else "}"
    opening = "" if command.endswith("(") else "{"

    def text(value: str) -> str:
        return (f'{command}{opening}venue = "{value}"{close}\n' + entry("uses", "venue")
                + entry("plain"))

    first = bib(text("First"))
    assert first.data.entries["uses"].fields["journal"] == "First"
    second = bib(text("Second"), first.parsed)
    assert second.data.entries["uses"].fields["journal"] == "Second"
    assert second.data.entries["plain"] is not first.data.entries["plain"]  # after the change


def test_a_macro_defined_later_keeps_earlier_pieces(bib):
    first = bib(entry("a") + '@string{late = "x"}\n' + entry("b"))
    second = bib(entry("a") + '@string{late = "y"}\n' + entry("b"), first.parsed)
    assert second.data.entries["a"] is first.data.entries["a"]
    assert second.data.entries["b"] is not first.data.entries["b"]


def test_macros_carry_over_to_the_next_file(tmp_path):
    one, two = tmp_path / "one.bib", tmp_path / "two.bib"
    one.write_text('@string{venue = "From One"}\n' + entry("a", "venue"), "utf-8")
    two.write_text(entry("b", "venue"), "utf-8")
    first = parse_bibfiles([one, two])
    assert first.data.entries["b"].fields["journal"] == "From One"
    one.write_text('@string{venue = "Changed"}\n' + entry("a", "venue"), "utf-8")
    second = parse_bibfiles([one, two], parsed=first.parsed)
    assert second.data.entries["b"].fields["journal"] == "Changed"


def test_many_macros(bib):
    count = 2_000
    text = "".join(f'@string{{v{n} = "Venue {n}"}}\n' + entry(f"e{n}", f"v{n}")
                   for n in range(count))
    first = bib(text)
    assert first.problems == []
    assert [first.data.entries[f"e{n}"].fields["journal"] for n in (0, count - 1)] == [
        "Venue 0", f"Venue {count - 1}"]
    second = bib(text, first.parsed)
    assert all(second.data.entries[k] is first.data.entries[k] for k in first.data.entries)


def doubling(levels: int) -> str:
    """Macros that each repeat the one before twice: the last is 2**levels characters."""
    return '@string{a0 = "x"}\n' + "".join(
        f"@string{{a{n} = a{n - 1} # a{n - 1}}}\n" for n in range(1, levels + 1))


def located(parsed) -> list[tuple[int | None, str, str]]:
    return [(p.location.line, p.subtype, p.message) for p in parsed.problems]


def test_macros_that_double_stop_at_the_budget(bib):
    # 2**40 characters before: a terabyte. The first macro over 100,000 characters (a17) is
    # left empty, so those built on it are empty too, and the entry is kept without a title.
    parsed = bib(doubling(40) + entry("bomb", "a40") + entry("fine", "a10"))
    assert located(parsed) == [(
        18, "bib_expansion", "the @string macro 'a17' would be more than 100,000 characters "
        "long once the macros it repeats are expanded; it is left empty: define it with its text "
        "in braces")]
    assert parsed.data.entries["bomb"].fields["journal"] == ""
    assert parsed.data.entries["fine"].fields["journal"] == "x" * 1024


def test_a_value_over_the_budget_skips_its_entry(bib):
    parsed = bib(doubling(16) + "@article{wide,\n  title = {T},\n  journal = a16 # a16,\n}\n"
                 + entry("next"))
    assert located(parsed) == [(
        18, "bib_expansion", "entry 'wide' was skipped: its journal field would be more than "
        "100,000 characters long once its @string macros are expanded; write the text in braces")]
    assert set(parsed.data.entries) == {"next"}


def test_all_values_together_have_a_budget_kept_entries_included(bib, monkeypatch):
    monkeypatch.setattr(bibfile, "MAX_EXPANDED", 1_000)
    macro = '@string{v = "' + "v" * 100 + '"}\n'
    entries = "".join(entry(f"e{n}", "v") for n in range(15))
    text = macro + entries
    first = bib(text)
    assert set(first.data.entries) == {f"e{n}" for n in range(10)}
    assert [(line, subtype) for line, subtype, _ in located(first)] == [
        (2 + 5 * n, "bib_expansion") for n in range(10, 15)]
    assert located(first)[0][2] == (
        "entry 'e10' was skipped: the entries and macros read so far take more than 1,000 "
        "characters from @string macros in all; use the macros less, or write the text in braces")
    # The same verdict when the first ten come from the pieces kept from the last parse.
    again = bib(text, first.parsed)
    assert all(again.data.entries[k] is first.data.entries[k] for k in first.data.entries)
    assert located(again) == located(first)
    # A kept piece that no longer fits (an entry using the macro was added before it) is
    # parsed again and refused as a fresh parse would refuse it.
    moved = bib(macro + entry("new", "v") + entries, first.parsed)
    assert "e9" not in moved.data.entries and "new" in moved.data.entries
    assert located(moved)[0][2].startswith("entry 'e9' was skipped: the entries and macros")


@pytest.mark.parametrize(("text", "line", "what"), [
    ("@article{k1\n  title = {T},\n  year = 2020\n}\n", 2,
     "no comma after the citation key) and stops reading it, so LaTeX papers that cite it lose "
     "the fields after this point; add a comma after the key"),
    ("@article(k1 title = {T}, year = 2020)\n", 1, "no comma after the citation key"),
    ("@article{k1,\n  title = {T},\n  ,\n  year = 2020\n}\n", 3,
     "a comma with no field before it) and stops reading it, so LaTeX papers that cite it lose "
     "the fields after this point; remove the extra comma"),
    ("@article{k1,,\n  title = {T}, year = 2020}\n", 1, "a comma with no field before it"),
    ("@article{k1, title = {T},, year = 2020,}\n", 1, "a comma with no field before it"),
])
def test_what_bibtex_rejects_is_shown_with_a_warning(bib, text, line, what):
    parsed = bib("@string{pad = {x}}\n" + text)
    assert parsed.data.entries["k1"].fields == {"title": "T", "year": "2020"}
    assert [(p.location.line, p.subtype) for p in parsed.problems] == [(line + 1, "bib_compat")]
    assert parsed.problems[0].message.startswith("entry 'k1': BibTeX rejects this entry here (")
    assert what in parsed.problems[0].message


@pytest.mark.parametrize("text", [
    "@article{k1,\n  title = {T},\n  year = 2020,\n}\n",  # a comma after the last field
    "@article{k1}\n", "@article{k1,}\n", "@article{ k1 , title = {T} }\n",
    "@article(k1, title = {T},)\n",
])
def test_what_bibtex_accepts_gives_no_warning(bib, text):
    parsed = bib(text)
    assert parsed.problems == []
    assert list(parsed.data.entries) == ["k1"]


def test_an_entry_bibtex_rejects_is_parsed_again_each_time(bib):
    # Its warning must come back on every build: such a piece is never kept.
    text = entry("fine") + "@article{k1 title = {T}}\n"
    first = bib(text)
    again = bib(text, first.parsed)
    assert [p.subtype for p in again.problems] == ["bib_compat"]
