"""The options of a ``publications`` (or ``publication-stats``) directive, read into a
:class:`~portfolio.query.select.Query` and the list's look.

Pure, so the directive and ``portfolio check`` read options alike: a bad value is a problem
(without a location: the caller puts it at the directive) and that option is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Location, Problem
from ..options import TOGGLES
from .filters import FilterError, compile_filter
from .select import GROUPS, SORTS, Query, parse_years

STATS_GROUPS = ("year", "type")


def problem(message: str, *, subtype: str = "option") -> Problem:
    """A problem of an option, located by the caller."""
    return Problem(message, Location(""), subtype)


@dataclass(frozen=True)
class Look:
    """How one list looks, where its options say (``None``: as configured)."""

    toggles: tuple[str, ...] | None = None
    max_authors: int | None = None
    numbered: bool = False
    labels: bool = False  #: ``:numbered: type``: C1, C2, ... per heading of ``:group: type``
    counts: bool = False


def words(text: str) -> frozenset[str]:
    return frozenset(w.strip().casefold() for w in text.split(",") if w.strip())


def whole_number(options: Mapping[str, str | None], name: str,
                 messages: list[Problem]) -> int | None:
    """A whole-number option, or ``None`` (with a message when it is not one)."""
    value = options.get(name)
    if value is None:
        return None
    if value.strip().isdigit():
        return int(value.strip())
    messages.append(problem(f":{name}: {value!r} is not a whole number"))
    return None


def read_query(options: Mapping[str, str | None], tiebreak: str = "bib"
               ) -> tuple[Query, list[Problem]]:
    """The query the options ask for, and ``(message, subtype)`` for each bad value."""
    messages: list[Problem] = []
    years = None
    if options.get("year") is not None:
        try:
            years = parse_years(options["year"])
        except ValueError:
            messages.append(problem(f":year: {options['year']!r} is not a year or range; "
                                    "write 2024, 2022-2024 or 2022-"))
    predicate = None
    if options.get("filter") is not None:
        try:
            predicate = compile_filter(options["filter"])
        except FilterError as exc:
            messages.append(problem(f"{exc}; the filter is ignored", subtype="filter"))
    sort = (options.get("sort") or "newest").strip()
    if sort not in SORTS:
        messages.append(problem(f":sort: {sort!r} is not an order; choose one of "
                                f"{', '.join(SORTS)}"))
        sort = "newest"
    how = (options.get("group") or "none").strip()
    if how not in GROUPS:
        messages.append(problem(f":group: {how!r} is not a grouping; choose one of "
                                f"{', '.join(GROUPS)}"))
        how = "none"
    limit = whole_number(options, "limit", messages)
    query = Query(
        keys=tuple(k.strip() for k in (options.get("keys") or "").split(",") if k.strip()),
        years=years,
        types=words(options.get("type") or ""),
        keywords=words(options.get("keyword") or ""),
        selected="selected" in options,
        predicate=predicate,
        sort=sort,
        tiebreak=tiebreak,
        group=how,
        limit=limit,
    )
    return query, messages


def read_look(options: Mapping[str, str | None]) -> tuple[Look, list[Problem]]:
    """The list's ``:toggles:``, ``:max-authors:``, ``:numbered:`` and ``:counts:``."""
    messages: list[Problem] = []
    toggles = None
    if "toggles" in options:
        chosen = words(options["toggles"] or "none") - {"none"}
        unknown = sorted(chosen - set(TOGGLES))
        if unknown:
            messages.append(problem(f":toggles: {', '.join(unknown)} unknown; choose from "
                                    f"{', '.join(TOGGLES)} or none"))
        toggles = tuple(sorted(chosen & set(TOGGLES)))
    numbering = (options.get("numbered") or "").strip()
    if numbering not in ("", "type"):
        messages.append(problem(f":numbered: {numbering!r} is not a numbering; leave it empty "
                                "(1, 2, 3) or write type (C1, C2, ... per heading of :group: type)"))
    elif numbering == "type" and (options.get("group") or "").strip() != "type":
        messages.append(problem(":numbered: type labels the headings of :group: type, which "
                                "this list does not have; it is numbered 1, 2, 3"))
        numbering = ""
    look = Look(toggles=toggles, max_authors=whole_number(options, "max-authors", messages),
                numbered="numbered" in options, labels=numbering == "type",
                counts="counts" in options)
    return look, messages


def read_stats_grouping(options: Mapping[str, str | None]) -> tuple[str, list[Problem]]:
    """``publication-stats``' ``:by:``: "year" (the default) or "type"."""
    by = (options.get("by") or "year").strip()
    if by not in STATS_GROUPS:
        return "year", [problem(f":by: {by!r} is not a grouping; choose year or type")]
    return by, []


def unknown_keys(query: Query, known: Mapping[str, object]) -> list[Problem]:
    """A message for each key of ``:keys:`` that is not a citation key."""
    return [problem(f":keys: names {key!r}, which is not in the BibTeX file", subtype="ref")
            for key in query.keys if key not in known]
