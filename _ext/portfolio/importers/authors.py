"""Author lists as people write them on their pages and in citation strings.

"**Ada Example**\\*, Bo Sample†, and Cy Placeholder", "Example, A. B., & Sample, B. (2021)",
"Example, Ada, et al.", "A. Example, B. Sample, and C. Placeholder": the names, the ones marked
as the owner (bold, underlined), and the marks after a name (``*``, ``†``, ``<sup>``, ``$^*$``).
A list is read only when every part is a name; otherwise the caller keeps the text for a look
and writes no author, so venue words, volumes or years never end up as names.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..text.latex import latex_to_text

#: Marks after a name and the author note each becomes: one note per mark, so that marks the old
#: site tells apart stay apart. What a note means is the old site's legend (or none); "*" and
#: "†" keep the names of their usual meaning, the defaults of a new site.
MARK_NOTES = {"*": "equal", "†": "corresponding", "‡": "ddagger", "#": "hash", "§": "section"}
_MARK_WORDS = {"dagger": "†", "ddagger": "‡", "ast": "*", "star": "*", "sharp": "#", "S": "§"}
_OWNER_OPEN = re.compile(r"<(?:b|strong|u|ins)\b[^>]*>|\*\*|__|(?<![\w*])\*(?=\w)|(?<!\w)_(?=\w)", re.I)
_OWNER_TAGS = re.compile(r"</?(?:b|strong|u|ins)\b[^>]*>|\*\*|__", re.I)
_SUP = re.compile(r"<sup>(.*?)</sup>", re.I | re.S)
_MATH_MARK = re.compile(r"\$\s*\^\s*\{?\s*((?:\\[a-zA-Z]+|[*#†‡§,\s])+)\s*\}?\s*\$")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^)\s\[]*)\)")
_PARENS = re.compile(r"\s*\(([^()]*)\)")
_SEPARATORS = re.compile(r"\s*(?:,\s*(?:and|&)\s+|\s+(?:and|&|und|et|y|e)\s+|;\s*|,\s*)", re.I)
_ET_AL = re.compile(r"^(?:et\.?\s*al\.?|others|and others|etc\.?)$", re.I)
_INITIALS = re.compile(r"^(?:[A-Z]\.?\s?-?\s?){1,4}$|^(?:[A-Z]\.-?)+[A-Z]?\.?$")
#: One word of a name: capitalised (any script), an initial, a particle, or all capitals.
_NAME_WORD = re.compile(r"^(?:[A-Z][.-]?(?:[A-Z][.-]?)*|[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]*)*\.?)$")
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la",
                        "le", "ter", "ten", "dos", "das", "do", "bin", "ibn", "al", "el", "y", "e",
                        "zu", "af", "av"})
#: Words that are never part of a person's name in an author list.
_NOT_NAMES = re.compile(
    r"^(?:in|on|of|the|for|with|via|to|proceedings|conference|journal|workshop|symposium|"
    r"transactions|letters|review|arxiv|preprint|press|university|institute|vol|no|pp|"
    r"volume|pages|ieee|acm|springer|elsevier|submitted|accepted|under|paper|accepted|"
    r"international|annual|national|a|an|is|are|we|our|from|using|towards?|learning|"
    r"analysis|model|models|data|system|systems|approach|study|new)\.?$", re.I)


@dataclass
class AuthorList:
    """Names in order; ``owner_marked``: names shown in bold or underlined; ``notes``: the
    author notes of each position (1-based) that has marks."""

    names: list[str] = field(default_factory=list)
    owner_marked: list[str] = field(default_factory=list)
    notes: dict[int, list[str]] = field(default_factory=dict)

    def annotation(self) -> str:
        """The ``author+an`` value: ``1=equal; 3=corresponding``."""
        return "; ".join(f"{n}={','.join(marks)}" for n, marks in sorted(self.notes.items()))


def name_marks(text: str) -> tuple[str, list[str]]:
    """*text* without the marks after the name, and the notes the marks stand for."""
    found: list[str] = []

    def math(match: re.Match[str]) -> str:
        for word in re.findall(r"\\([a-zA-Z]+)|([*#†‡§])", match.group(1)):
            found.append(_MARK_WORDS.get(word[0], word[1]) if word[0] else word[1])
        return ""

    def sup(match: re.Match[str]) -> str:
        inner = html.unescape(_TAG.sub("", match.group(1)))
        found.extend(c for c in inner if c in MARK_NOTES)
        return ""  # digits in <sup> are affiliations: left out

    text = _MATH_MARK.sub(math, _SUP.sub(sup, text))
    while True:
        stripped = _OWNER_TAGS.sub("", text).strip()
        match = re.search(r"(\\\*|\*|†|‡|#|§|\\dagger|&dagger;|&Dagger;)$", stripped)
        if not match or stripped.endswith("**") and match.group(0) == "*":
            break
        symbol = {"\\*": "*", "\\dagger": "†", "&dagger;": "†", "&Dagger;": "‡"}.get(
            match.group(0), match.group(0))
        found.insert(0, symbol)
        text = stripped[: match.start()]
    return text, list(dict.fromkeys(MARK_NOTES[m] for m in found if m in MARK_NOTES))


def _end_stop(text: str) -> str:
    """*text* without a full stop at its end, unless the stop ends an initial ("J. P.")."""
    if text.endswith(".") and not re.search(r"(?:^|[\s.-])[A-Z]\.$", text):
        return text[:-1].rstrip()
    return text


def _split(text: str) -> list[str]:
    """Parts between commas, "and", "&" and semicolons, outside parentheses."""
    depth, start, parts = 0, 0, []
    for match in re.finditer(r"[()]|" + _SEPARATORS.pattern, text, re.I):
        token = match.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[start:match.start()])
            start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def is_name(text: str) -> bool:
    """Whether *text* reads as one person's name (one to five words, no venue words)."""
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 5 or re.search(r"\d", text):
        return False
    if len(words) == 1 and not re.search(r"[^\x00-\x7f]", text) and len(text) < 2:
        return False
    for word in words:
        if word.lower() in _PARTICLES and len(words) > 1:
            continue
        initial = len(word.rstrip(".")) == 1
        if (_NOT_NAMES.match(word) and not initial) or not _NAME_WORD.match(word):
            return False
        if word[:1].islower() and word[:1].isascii():
            return False
    return True


def _pair(parts: list[str], owner: tuple[str, ...]) -> list[list[int]]:
    """Which parts make one name: "Surname, Initials" pairs ("Example, A. B."), an MLA first
    author ("Example, Ada, Bo Sample"), or "Surname, Given" throughout when the owner's name
    is written so; each name as the indices of its parts."""
    groups: list[list[int]] = []
    single = all(" " not in p for p in parts)
    owner_pair = len(owner) > 1 and any(
        parts[i].casefold() == owner[-1].casefold()
        and parts[i + 1].casefold() == " ".join(owner[:-1]).casefold()
        for i in range(len(parts) - 1))
    index = 0
    while index < len(parts):
        part = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else ""
        initials = bool(following) and bool(_INITIALS.match(following))
        mla_first = (index == 0 and " " not in part and " " not in following
                     and len(parts) > 2 and " " in parts[2])
        if following and not _INITIALS.match(part) and (
                initials or mla_first or (single and owner_pair and len(parts) % 2 == 0)):
            groups.append([index, index + 1])
            index += 2
        else:
            groups.append([index])
            index += 1
    return groups


def read_authors(text: str, owner: tuple[str, ...] = ()) -> AuthorList | None:
    """The author list in *text*, or None when a part of it is not a name.

    *owner*: the words of the owner's name, used to tell "Surname, Given" pairs from a list
    of surnames.
    """
    text = html.unescape(_LINK.sub(r"\1", text))
    text = _end_stop(re.sub(r"\s+", " ", text).strip(" ;:"))
    if not text:
        return None
    result = AuthorList()
    raw_parts = _split(text)
    cleaned: list[tuple[str, bool, list[str]]] = []
    for raw in raw_parts:
        bold = bool(_OWNER_OPEN.match(raw.strip())) or bool(_OWNER_TAGS.search(raw))
        name, notes = name_marks(raw)
        aside = " ".join(_PARENS.findall(name))
        name = _PARENS.sub("", name)
        if re.search(r"equal|co-?first|joint first", aside, re.I):
            notes = list(dict.fromkeys([*notes, "equal"]))
        name = _OWNER_TAGS.sub("", name)
        name = _end_stop(re.sub(r"^[*_]+|[*_]+$", "", name.strip()).strip())
        name = _TAG.sub("", name).strip()
        if "\\" in name:  # LaTeX accents in a citation string: "Cant\\"urk"
            name = latex_to_text(name)
        if name:
            cleaned.append((name, bold, notes))
    if not cleaned:
        return None
    for group in _pair([name for name, _, _ in cleaned], owner):
        name = ", ".join(cleaned[i][0] for i in group)
        bold = any(cleaned[i][1] for i in group)
        notes = [note for i in group for note in cleaned[i][2]]
        if _ET_AL.match(name):
            result.names.append("others")
            continue
        if not is_name(name):
            return None
        result.names.append(" ".join(name.split()))
        if bold:
            result.owner_marked.append(result.names[-1])
        if notes:
            result.notes[len(result.names)] = list(dict.fromkeys(notes))
    return result if [n for n in result.names if n != "others"] else None
