"""The BibTeX reader: pieces parsed once and kept while their macros stay the same."""

from __future__ import annotations

import pytest
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
