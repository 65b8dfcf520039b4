"""The ``:filter:`` language: what it selects, and what it refuses with a reason, never a crash."""

from __future__ import annotations

import pytest

from portfolio.model import Publication
from portfolio.query.filters import MAX_DEPTH, FilterError, compile_filter

PUB = Publication(key="k", entry_type="article", title="Fast KV", authors=(), year=2024,
                  month=None, venue="Venue", venue_short="V", short_title="Fast KV",
                  selected=True, fields={"note": "best paper"})


@pytest.mark.parametrize(("text", "expected"), [
    ('year >= 2024 and "KV" in title', True),
    ("not selected", False),
    ("not " * (MAX_DEPTH - 1) + "selected", False),  # as deep as allowed
    ("(" * 150 + "selected" + ")" * 150, True),  # brackets alone nest nothing
    (" and ".join(["selected"] * 20_000), True),  # long, but flat
    (" < ".join(["year"] * 5_000), False),
    ('"best" in note', True),
])
def test_filters_select(text, expected):
    assert compile_filter(text)(PUB) is expected


@pytest.mark.parametrize(("text", "words"), [
    ("not " * 1_000 + "selected", f"is nested more than {MAX_DEPTH} levels deep"),
    ("not " * 100_000 + "selected", "is nested too deeply to read"),
    ("not (" * 300 + "selected" + ")" * 300, "too many nested parentheses"),
    ("year in " + "[" * 120 + "2024" + "]" * 120, f"is nested more than {MAX_DEPTH} levels deep"),
    ("selected or " * 10 + "(" + "x and (" * 60 + "y" + ")" * 61, "nested more than"),
    ("year\x00", "cannot parse filter 'year\\x00': source code string cannot contain null bytes"),
    ("year >>> 2", "cannot parse filter 'year >>> 2' at column"),
    ('__import__("os")', "uses Call, which filters do not allow"),
])
def test_filters_refused_with_a_reason(text, words):
    with pytest.raises(FilterError) as raised:
        compile_filter(text)
    assert words in str(raised.value)
    assert len(str(raised.value)) < 300  # a long filter is quoted cut short
