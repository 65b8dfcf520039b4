"""Choosing, ordering and grouping records (portfolio.query.select), without Sphinx."""

from __future__ import annotations

import pytest

from portfolio.model import Publication
from portfolio.query.select import Query, group, is_workshop, parse_years, select


def pub(key: str, year: int | None, month: int | None = None, **fields) -> Publication:
    values = {"entry_type": "inproceedings", "title": key.title(), "authors": (),
              "venue": "", "venue_short": "", "short_title": key} | fields
    return Publication(key=key, year=year, month=month, **values)


PUBS = [pub("a", 2022, 5), pub("b", 2024), pub("c", 2024, 3, keywords=("Caching",)),
        pub("d", None, entry_type="article", selected=True),
        pub("e", 2023, venue="Workshop on Things", keywords=("Networking", "caching"))]


@pytest.mark.parametrize(("text", "years"), [
    ("2024", (2024, 2024)), ("2022-2024", (2022, 2024)), ("2022-", (2022, None)),
    ("-2020", (None, 2020)), (" 2021 - 2023 ", (2021, 2023)),
])
def test_years(text, years):
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["twenty", "2022-x", "", "1-2-3"])
def test_years_that_are_not(text):
    with pytest.raises(ValueError):
        parse_years(text)


def keys(pubs):
    return [p.key for p in pubs]


def test_newest_first_then_month_undated_last():
    assert keys(select(PUBS, Query())) == ["c", "b", "e", "a", "d"]


def test_oldest_title_and_file_order():
    assert keys(select(PUBS, Query(sort="oldest"))) == ["d", "a", "e", "b", "c"]
    assert keys(select(PUBS, Query(sort="title"))) == ["a", "b", "c", "d", "e"]
    assert keys(select(PUBS, Query(sort="bib"))) == ["a", "b", "c", "d", "e"]


def test_explicit_keys_keep_their_order_and_skip_unknown_ones():
    assert keys(select(PUBS, Query(keys=("e", "zz", "a")))) == ["e", "a"]


def test_filters_combine():
    assert keys(select(PUBS, Query(years=(2023, None)))) == ["c", "b", "e"]
    assert keys(select(PUBS, Query(types=frozenset({"article"})))) == ["d"]
    assert keys(select(PUBS, Query(keywords=frozenset({"caching"})))) == ["c", "e"]
    assert keys(select(PUBS, Query(selected=True))) == ["d"]
    assert keys(select(PUBS, Query(predicate=lambda p: p.key in "ab"))) == ["b", "a"]
    assert keys(select(PUBS, Query(limit=2))) == ["c", "b"]


def test_tiebreak_within_a_year_and_month():
    same = [pub("x", 2024, title="Zeta"), pub("y", 2024, title="Alpha")]
    assert keys(select(same, Query(tiebreak="title"))) == ["y", "x"]
    assert keys(select(same, Query(tiebreak="bib"))) == ["x", "y"]


def test_group_by_year_keeps_order_and_names_undated():
    groups = group(select(PUBS, Query()), "year", ())
    assert [(h, keys(p)) for h, p in groups] == [("2024", ["c", "b"]), ("2023", ["e"]),
                                                 ("2022", ["a"]), ("Undated", ["d"])]


def test_group_by_type_in_configured_order_with_workshops_apart():
    type_groups = [("Journal", ["article"]), ("Workshops", ["workshop"]),
                   ("Conferences", ["inproceedings"])]
    groups = group(PUBS, "type", type_groups)
    assert [(h, keys(p)) for h, p in groups] == [
        ("Journal", ["d"]), ("Workshops", ["e"]), ("Conferences", ["a", "b", "c"])]
    assert is_workshop(PUBS[4]) and not is_workshop(PUBS[0])


def test_group_by_topic_configured_first_then_alphabetical_then_other():
    groups = group(PUBS, "topic", (), topics=["networking"])
    assert [h for h, _ in groups] == ["Networking", "Caching", "caching", "Other"]
    assert keys(dict(groups)["Other"]) == ["a", "b", "d"]


def test_no_grouping_and_nothing_to_group():
    assert group(PUBS, "none", ()) == [("", PUBS)]
    assert group([], "none", ()) == []
