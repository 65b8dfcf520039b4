"""Publications as people write them by hand: a list item's lines, or one citation string.

An item's lines are given roles: the title (a linked, quoted, italic or bold span, or the first
line that is not the authors), the authors (a line that reads as a list of names), the venue
(the next line) and the rest (notes, awards). A one-line item or a citation string is cut into
the same parts by its punctuation, in the common styles: APA ``Surname, A. (2021). Title.
Venue``, MLA/Chicago ``Surname, First, et al. "Title." Venue``, IEEE ``A. Surname, "Title,"
Venue``, and ``Authors. Title. Venue``. Dates come in the forms academicpages users write.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass

from .authors import AuthorList, read_authors
from .bibtex import MATH

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
#: A labelled link: ``[[PDF]](url)``, ``[[code](url)]``, ``\\[[slides](url)\\]``.
LABEL_LINK = re.compile(r"\\?\[\s*\[([^\[\]]*)\]\s*\(([^)\s\[]*)\)\s*\\?\]|"
                        r"\[\[([^\[\]]*)\]\]\(([^)\s\[]*)\)")
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(([^)\s\[]*)\)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
#: A quoted or emphasised title; spans are bounded so that a long line is read in linear time.
_QUOTED = re.compile(r"[\"“”„]\s*([^\"“”]{8,400}?)\s*[\"“”]")
_EMPHASIS = re.compile(r"(?<![*\w])(\*\*|\*|__|_)(?!\s)(.{8,400}?)(?<!\s)\1(?![*\w])|"
                       r"<(i|em|b|strong)>(.{8,400}?)</\3>", re.I)
_APA = re.compile(r"^(?P<authors>.+?)\s*\((?P<year>(?:19|20)\d\d[a-z]?|n\.\s?d\.)[^)]*\)[.,:]?\s*"
                  r"(?P<rest>.*)$")
#: A full stop that ends a sentence: not after an initial ("J.") or a common abbreviation.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bal)(?<!\bvs)(?<!\bvol)(?<!\bno)(?<!\bpp)(?<!\bed)"
                           r"(?<!\bet)[.?!]\s+(?=[\W\d]*[A-Z0-9“\"'(\[*_<])")
_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}


@dataclass
class Parts:
    """A publication's text cut into its parts; ``authors`` is None when no list of names
    was found (``authors_text`` then holds what was there, for a look)."""

    title: str
    title_url: str = ""
    authors: AuthorList | None = None
    authors_text: str = ""
    venue: str = ""  #: the venue part, with its year and links as written


def plain(text: str) -> str:
    """Words of *text* without Markdown emphasis and escapes, HTML tags or entities; math
    (``$...$``, ``\\(...\\)``) is kept as written."""
    pieces, position = [], 0
    for match in MATH.finditer(text):
        pieces += [_plain_text(text[position:match.start()]), match.group(0)]
        position = match.end()
    return " ".join("".join([*pieces, _plain_text(text[position:])]).split())


def _plain_text(text: str) -> str:
    text = _TAG.sub("", text)
    text = re.sub(r"(?<!\\)(\*\*|__|\*|(?<!\w)_|_(?!\w))", "", text)
    return re.sub(r"\\([\\`*_\[\]#|<>!~-])", r"\1", html.unescape(text))


def _clean_title(text: str) -> str:
    text = plain(text).strip(" ,;:")
    text = re.sub(r"^[\"“”'‘’]+|[\"“”'‘’]+$", "", text).strip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def _names(text: str, owner: tuple[str, ...]) -> AuthorList | None:
    text = LABEL_LINK.sub(" ", text)
    return read_authors(re.sub(r"\s*\(?(?:19|20)\d\d[a-z]?\)?\.?\s*$", "", text), owner)


def authors_like(text: str, owner: tuple[str, ...]) -> AuthorList | None:
    """*text* as an author list when it clearly is one: two names or more, or a name marked
    as the owner's (bold, underlined) or spelled as the owner's."""
    found = _names(text, owner)
    if found is None:
        return None
    real = [n for n in found.names if n != "others"]
    surname = owner[-1].casefold() if owner else None
    if len(real) >= 2 or found.owner_marked or (
            surname and any(surname in n.casefold().replace(",", " ").split() for n in real)):
        return found
    return None


def title_span(text: str) -> tuple[str, str, str] | None:
    """``(title, url, kind)`` when the whole line is one span: a link with words, a quoted,
    italic or bold phrase; *kind* is "link", "quote" or "emphasis"."""
    rest = LABEL_LINK.sub(" ", text).strip()
    rest = re.sub(r"\s*(\\$|<br\s*/?>)$", "", rest).strip()
    link = re.fullmatch(r"[*_]*\[(.+)\]\(([^)\s\[]*)\)[*_]*[.,]?", rest)
    if link and len(plain(link.group(1)).split()) >= 2:
        return _clean_title(link.group(1)), link.group(2), "link"
    quoted = re.fullmatch(r"[*_]*[\"“”]([^\"“”]+)[\"“”][*_]*[.,]?", rest)
    if quoted:
        return _clean_title(quoted.group(1)), "", "quote"
    emphasis = _EMPHASIS.fullmatch(rest.rstrip(".,"))
    if emphasis:
        return _clean_title(emphasis.group(2) or emphasis.group(4)), "", "emphasis"
    return None


def item_parts(lines: list[str], owner: tuple[str, ...]) -> tuple[Parts, int, int] | None:
    """The parts of a list item of several lines, with the indices of its title and venue
    lines (-1 when none); None when no line could be the title."""
    if len(lines) == 1:
        parts = split_citation(lines[0], owner)
        return (parts, 0, 0) if parts else None
    authors_at = next((i for i, line in enumerate(lines) if authors_like(line, owner)), -1)
    # an emphasised line after the authors is the venue ("**ACM Computing Surveys**"),
    # unless the item starts with the authors
    spans = {i: span for i, line in enumerate(lines) if i != authors_at
             and (span := title_span(line)) and not (span[2] == "emphasis" and (
                 _YEAR.search(span[0]) or 0 < authors_at < i))}
    if spans:
        rank = {"link": 0, "quote": 1, "emphasis": 2}
        title_at = min(spans, key=lambda i: (rank[spans[i][2]], i))
        title, url, _ = spans[title_at]
    else:
        title_at = next((i for i, line in enumerate(lines) if i != authors_at
                         and len(plain(LABEL_LINK.sub(" ", line)).split()) >= 2), -1)
        if title_at < 0:
            return None
        title, url = _title_and_link(lines[title_at])
    venue_first = re.fullmatch(r"(.{2,40}?)\s+\|\s+(.{8,})", title)
    venue_text = ""
    if venue_first and _YEAR.search(venue_first.group(1)):
        venue_text, title = venue_first.group(1), venue_first.group(2)
    parts = Parts(title=title, title_url=url)
    if authors_at < 0:
        # "Authors. Venue" on one line after the title
        for i, line in enumerate(lines):
            if i == title_at:
                continue
            head, _, tail = _first_sentence(line)
            found = authors_like(head, owner)
            if found:
                parts.authors, authors_at = found, i
                if tail:
                    parts.venue = tail
                    return parts, title_at, i
                break
    else:
        parts.authors = authors_like(lines[authors_at], owner)
    venue_at = next((i for i in range(len(lines)) if i not in (title_at, authors_at)
                     and plain(LABEL_LINK.sub(" ", lines[i])).strip()), -1)
    parts.venue = " ".join(p for p in (venue_text, lines[venue_at] if venue_at >= 0 else "") if p)
    return parts, title_at, venue_at


def _title_and_link(line: str) -> tuple[str, str]:
    """A title line that is not one span: its first long link is the paper's link."""
    url = ""
    link = _LINK.search(line)
    if link and len(plain(link.group(1)).split()) >= 2:
        url = link.group(2)
    text = LABEL_LINK.sub(" ", line)
    text = _LINK.sub(lambda m: m.group(1) if len(plain(m.group(1)).split()) >= 2 else " ", text)
    return _clean_title(re.sub(r"\s*\\$", "", text)), url


def _first_sentence(text: str) -> tuple[str, str, str]:
    match = _SENTENCE_END.search(text)
    if not match:
        return text, "", ""
    return text[:match.start()], match.group(0), text[match.end():]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def split_citation(text: str, owner: tuple[str, ...] = ()) -> Parts | None:
    """One line or citation string cut into title, authors and venue; None when no title."""
    raw = text.strip()
    # a quoted title: authors before it, venue after it (MLA, Chicago, IEEE)
    for pattern in (_QUOTED, _EMPHASIS):
        for match in pattern.finditer(raw):
            title = match.group(1) if pattern is _QUOTED else (match.group(2) or match.group(4))
            before, after = raw[:match.start()], raw[match.end():]
            if not before.strip(" ,.:;") or len(plain(title).split()) < 2:
                continue
            found = authors_like(before, owner) or _names(before, owner)
            if found is None and pattern is _EMPHASIS:
                continue
            return Parts(_clean_title(title), authors=found,
                         authors_text="" if found else plain(before), venue=after.strip(" ,.:;"))
    # a linked title: "[Title](url), authors, venue" or "authors. [Title](url). venue"
    link = _LINK.search(LABEL_LINK.sub(" ", raw))
    if link and len(plain(link.group(1)).split()) >= 3:
        cleaned = LABEL_LINK.sub(" ", raw)
        before, after = cleaned[:link.start()], cleaned[link.end():]
        found = authors_like(before, owner) if before.strip(" ,.") else None
        venue = after
        if found is None:
            head, _, tail = _first_sentence(after.strip(" ,.:;"))
            found = authors_like(head, owner)
            venue = tail if found else after
        return Parts(_clean_title(link.group(1)), link.group(2), found,
                     venue=venue.strip(" ,.:;"))
    apa = _APA.match(plain(raw))
    if apa and _names(apa.group("authors"), owner):
        sentences = _sentences(apa.group("rest"))
        if sentences:
            return Parts(_clean_title(sentences[0]), authors=_names(apa.group("authors"), owner),
                         venue=" ".join(sentences[1:]))
    sentences = _sentences(raw)
    if len(sentences) >= 2:
        first = authors_like(sentences[0], owner)
        if first:
            return Parts(_clean_title(sentences[1]), authors=first,
                         venue=" ".join(sentences[2:]))
        second = authors_like(sentences[1], owner)
        if second:
            return Parts(_clean_title(sentences[0]), authors=second,
                         venue=" ".join(sentences[2:]))
        return Parts(_clean_title(sentences[0]), venue=" ".join(sentences[1:]))
    return None


def authors_in_citation(text: str, title: str, owner: tuple[str, ...] = ()) -> tuple[
        AuthorList | None, str]:
    """The authors of a citation string whose title is known: ``(names, text looked at)``."""
    text = " ".join(html.unescape(text).split())
    if not text:
        return None, ""
    folded, wanted = plain(text).casefold(), plain(title).casefold()[:40]
    if wanted and wanted in folded:
        # cut the marked-up text where the title starts, by counting plain characters
        cut = _cut_before(text, folded.index(wanted))
        before = re.sub(r"[\s\"“”'‘*_]*$", "", text[:cut])
        before = re.sub(r"<(i|em|b|strong)>\s*$", "", before, flags=re.I)
        before = re.sub(r"\s*\((?:19|20)\d\d[a-z]?\)\s*[.,]?\s*$", "", before).strip(" ,:;")
        if before:
            return _names(before, owner), before
    parts = split_citation(text, owner)
    if parts is not None and (parts.authors is not None or parts.authors_text):
        return parts.authors, parts.authors_text or text
    # the authors, then the venue in italics: "A. Example and <b>B. Sample</b>, <i>Venue</i>"
    head = re.split(r"<(?:i|em)>|(?<![*\w])\*(?!\*)|\(\s*(?:19|20)\d\d", text, maxsplit=1)[0]
    head = head.strip(" ,.:;")
    found = _names(head, owner) if head else None
    if found is None and head:
        # leading parts that are names, up to the first that is not
        pieces = [p for p in re.split(r",\s*", head)]
        for end in range(len(pieces) - 1, 0, -1):
            found = _names(", ".join(pieces[:end]), owner)
            if found is not None and len(found.names) >= 2:
                break
            found = None
    return found, head or text


def _cut_before(text: str, plain_index: int) -> int:
    """The index in *text* of the character that is at *plain_index* in ``plain(text)``."""
    for end in range(len(text) + 1):
        if len(plain(text[:end])) >= plain_index + (1 if plain_index else 0):
            return max(0, end - (1 if plain_index else 0))
    return len(text)


_DETAILS = (
    ("volume", re.compile(r",?\s*\b(?:vol(?:ume)?)\.?\s*(\d+)", re.I)),
    ("number", re.compile(r",?\s*\b(?:no|num|number|issue)\.?\s*(\d+)", re.I)),
    ("pages", re.compile(r",?\s*\bpp?\.\s*(\d+(?:\s*[-–—]+\s*\d+)?)", re.I)),
)
_MONTH_END = re.compile(r",?\s*\b([A-Za-z]{3,9})\.?\s*$")


def venue_details(venue: str) -> tuple[str, dict[str, str]]:
    """A venue without its volume, number, pages and month ("Journal of Examples, Vol. 9,
    No. 1, pp. 1-7, Oct."), and those as BibTeX fields."""
    fields: dict[str, str] = {}
    for name, pattern in _DETAILS:
        match = pattern.search(venue)
        if match:
            fields[name] = re.sub(r"\s*[-–—]+\s*", "--", match.group(1))
            venue = venue[:match.start()] + venue[match.end():]
    month = _MONTH_END.search(venue)
    if month and month.group(1).lower() in _MONTHS and fields:
        fields["month"] = str(_MONTHS[month.group(1).lower()])
        venue = venue[:month.start()]
    return venue.strip(" ,;"), fields


def read_date(value: object) -> tuple[str | None, int | None]:
    """``(year, month)`` of a date as written: ``2022-10-09``, ``10/09/2022`` (month first),
    ``09-10-2022`` and ``09.10.2022`` (day first), ``2022``, ``October 2022``, a YAML date."""
    if isinstance(value, datetime.date):
        return str(value.year), value.month
    text = str(value or "").strip()
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return text, None
    iso = re.match(r"((?:19|20)\d\d)[-/.](\d{1,2})(?:[-/.](\d{1,2}))?\b", text)
    if iso:
        month = int(iso.group(2))
        return iso.group(1), month if 1 <= month <= 12 else None
    numeric = re.match(r"(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d\d)\b", text)
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(3))
        month = first if numeric.group(2) == "/" else second  # 10/09 is October, 09-10 too
        if month > 12:
            month = second if month == first else first
        return numeric.group(4), month if 1 <= month <= 12 else None
    words = re.search(r"\b([A-Za-z]{3,9})\.?\s+(?:\d{1,2},?\s+)?((?:19|20)\d\d)\b", text)
    if words and words.group(1).lower() in _MONTHS:
        return words.group(2), _MONTHS[words.group(1).lower()]
    year = _YEAR.search(text)
    return (year.group(1), None) if year else (None, None)
