"""conf.py's options and a list's directive options, read alike by the build and the check
(portfolio.options, portfolio.query.options)."""

from __future__ import annotations

import pytest

from portfolio.options import DEFAULTS, check_values, publications_page_problem
from portfolio.query.options import read_look, read_query, read_stats_grouping, unknown_keys


@pytest.mark.parametrize(("name", "value", "words"), [
    ("portfolio_toggles", ["abstract", "slides"], "items must be among abstract, bibtex"),
    ("portfolio_max_authors", -1, "must be 0 (show all) or more"),
    ("portfolio_max_authors", "3", "must be a int, not str"),
    ("portfolio_sort_within", "color", "must be one of bib, title, key, venue"),
    ("portfolio_paper_pages", "../outside", "must be a folder name"),
    ("portfolio_owner", "Jane Doe", "must be a list or tuple, not str"),
    ("portfolio_author_notes", {"equal": "*"}, "must map to [marker, legend]"),
    ("bibtex_bibfiles", "refs.bib", "must be a list or tuple, not str"),
    ("bibtex_bibfiles", [1], "every item must be a string"),
])
def test_a_wrong_value_is_one_problem_and_the_default(name, value, words):
    checked, problems = check_values({name: value}, "/site/conf.py")
    assert len(problems) == 1 and words in problems[0].message
    assert problems[0].location.path == "/site/conf.py" and problems[0].subtype == "config"
    assert checked[name] == DEFAULTS.get(name, [])


def test_right_values_pass():
    values = {"portfolio_toggles": ["bibtex"], "portfolio_paper_pages": "papers/all",
              "bibtex_bibfiles": ("a.bib", "b.bib")}
    checked, problems = check_values(values, "conf.py")
    assert problems == [] and checked["portfolio_paper_pages"] == "papers/all"
    assert "bibtex_bibfiles" not in check_values({}, "conf.py")[0]


def test_publications_page_must_name_a_page():
    assert publications_page_problem("publications", [], "conf.py") is None  # the default
    assert publications_page_problem("papers", ["index", "papers"], "conf.py") is None
    problem = publications_page_problem("publicatons", ["index", "publications"], "conf.py")
    assert "did you mean 'publications'?" in problem.message


def test_query_from_options():
    query, problems = read_query({"year": "2022-", "type": "Article, misc", "keyword": "caching",
                                  "selected": None, "keys": "b, a", "sort": "oldest",
                                  "group": "year", "limit": "3", "filter": "year > 2000"})
    assert problems == []
    assert (query.years, query.types, query.keywords, query.selected, query.keys, query.sort,
            query.group, query.limit) == ((2022, None), {"article", "misc"}, {"caching"}, True,
                                          ("b", "a"), "oldest", "year", 3)
    assert query.predicate is not None


@pytest.mark.parametrize(("options", "subtype", "words"), [
    ({"year": "soon"}, "option", ":year: 'soon' is not a year or range"),
    ({"sort": "sideways"}, "option", ":sort: 'sideways' is not an order"),
    ({"group": "venue"}, "option", ":group: 'venue' is not a grouping"),
    ({"limit": "-1"}, "option", ":limit: '-1' is not a whole number"),
    ({"filter": "__import__('os')"}, "filter", "uses Call, which filters do not allow"),
    ({"filter": "year >>> 2"}, "filter", "cannot parse filter"),
])
def test_a_bad_option_is_a_problem_and_ignored(options, subtype, words):
    query, problems = read_query(options)
    assert [(p.subtype, words in p.message) for p in problems] == [(subtype, True)]
    assert (query.sort, query.group, query.limit, query.predicate) == ("newest", "none", None,
                                                                       None)


def test_look_and_stats_options():
    look, problems = read_look({"toggles": "Abstract, slides", "max-authors": "many",
                                "numbered": None})
    assert look.toggles == ("abstract",) and look.max_authors is None and look.numbered
    assert [p.message for p in problems] == [
        ":toggles: slides unknown; choose from abstract, bibtex or none",
        ":max-authors: 'many' is not a whole number"]
    assert read_look({"toggles": None})[0].toggles == ()  # ":toggles:" alone: none
    assert read_look({})[0].toggles is None  # as configured
    assert read_stats_grouping({"by": "type"}) == ("type", [])
    by, problems = read_stats_grouping({"by": "month"})
    assert by == "year" and "choose year or type" in problems[0].message


def test_unknown_keys_are_named():
    query, _ = read_query({"keys": "a, zz"})
    assert [p.message for p in unknown_keys(query, {"a": 1})] == [
        ":keys: names 'zz', which is not in the BibTeX file"]
