"""Choose, order and group publication records for one ``publications`` directive."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Publication

SORTS = ("newest", "oldest", "title", "bib")
GROUPS = ("none", "year", "type", "topic")


@dataclass(frozen=True)
class Query:
    """What a directive asked for; every part is optional."""

    keys: tuple[str, ...] = ()
    years: tuple[int | None, int | None] | None = None
    types: frozenset[str] = frozenset()
    keywords: frozenset[str] = frozenset()
    selected: bool = False
    predicate: Callable[[Publication], bool] | None = field(default=None, compare=False)
    sort: str = "newest"
    tiebreak: str = "bib"
    group: str = "none"
    limit: int | None = None


def parse_years(text: str) -> tuple[int | None, int | None]:
    """``2024``, ``2022-2024``, ``2022-`` or ``-2020``; raise ValueError otherwise."""
    text = text.strip()
    low, sep, high = text.partition("-")
    if not sep:
        return int(text), int(text)
    return (int(low) if low.strip() else None, int(high) if high.strip() else None)


def select(pubs: Iterable[Publication], query: Query) -> list[Publication]:
    """Filter, sort and limit *pubs* as *query* says."""
    if query.keys:
        by_key = {p.key: p for p in pubs}
        chosen = [by_key[k] for k in query.keys if k in by_key]
    else:
        chosen = [p for p in pubs if _matches(p, query)]
    chosen = _sorted(chosen, query.sort if not query.keys or query.sort != "newest" else "bib",
                     query.tiebreak)
    return chosen[: query.limit] if query.limit is not None else chosen


def _matches(pub: Publication, query: Query) -> bool:
    if query.years is not None:
        low, high = query.years
        if pub.year is None or (low is not None and pub.year < low) or (
                high is not None and pub.year > high):
            return False
    if query.types and pub.entry_type not in query.types:
        return False
    if query.keywords and not query.keywords & {k.casefold() for k in pub.keywords}:
        return False
    if query.selected and not pub.selected:
        return False
    return query.predicate is None or query.predicate(pub)


def _tiebreak(pub: Publication, how: str) -> str:
    keys = {"title": pub.title.casefold(), "key": pub.key, "venue": pub.venue.casefold()}
    return keys.get(how, "")


def _sorted(pubs: list[Publication], how: str, tiebreak: str = "bib") -> list[Publication]:
    if how in ("newest", "oldest") and tiebreak != "bib":
        pubs = sorted(pubs, key=lambda p: _tiebreak(p, tiebreak))
    if how == "newest":
        return sorted(pubs, key=lambda p: (-(p.year or 0), -(p.month or 0)))
    if how == "oldest":
        return sorted(pubs, key=lambda p: (p.year or 0, p.month or 0))
    if how == "title":
        return sorted(pubs, key=lambda p: p.title.casefold())
    return pubs


def is_workshop(pub: Publication) -> bool:
    """A workshop paper: its venue's name says so ("... Workshop on ...")."""
    return re.search(r"\bworkshops?\b", pub.venue, re.IGNORECASE) is not None


def group(pubs: Sequence[Publication], how: str,
          type_groups: Sequence[tuple[str, Sequence[str]]],
          topics: Sequence[str] = ()) -> list[tuple[str, list[Publication]]]:
    """Split *pubs* into headed groups, keeping their order; ``("", pubs)`` for no grouping.

    By type, an entry goes under the heading that lists its kind ("workshop") or else its entry
    type. By topic, an entry is under each of its keywords: the *topics* first, in that order,
    then the others alphabetically, then "Other" for entries without keywords.
    """
    if how == "year":
        groups: dict[str, list[Publication]] = {}
        for pub in pubs:
            groups.setdefault(str(pub.year) if pub.year else "Undated", []).append(pub)
        return list(groups.items())
    if how == "type":
        heading_of = {t: heading for heading, types in type_groups for t in types}
        order = [heading for heading, _ in type_groups] + ["Other"]
        by_heading: dict[str, list[Publication]] = {}
        for pub in pubs:
            kind = pub.kind or ("workshop" if "workshop" in heading_of and is_workshop(pub)
                                else pub.entry_type)
            heading = heading_of.get(kind) or heading_of.get(pub.entry_type, "Other")
            by_heading.setdefault(heading, []).append(pub)
        return [(h, by_heading[h]) for h in order if h in by_heading]
    if how == "topic":
        by_topic: dict[str, list[Publication]] = {}
        for pub in pubs:
            for topic in pub.keywords or ("Other",):
                by_topic.setdefault(topic, []).append(pub)
        rank = {t.casefold(): i for i, t in enumerate(topics)}
        order = sorted(by_topic, key=lambda t: (t == "Other", rank.get(t.casefold(), len(rank)),
                                                t.casefold()))
        return [(t, by_topic[t]) for t in order]
    return [("", list(pubs))] if pubs else []
