"""Markdown sections and lists as people write them on Jekyll pages.

Sections start at headings of any level, ``#`` or setext (a line of ``===`` or ``---`` under
the title). A list item's lines are split by ``<br />``; in a publications section a block is
a list item with its continuation lines (indented or not, nested sub-items and ``>`` quote
lines included) or a paragraph, and its lines are split by ``<br>``, two trailing spaces or a
trailing backslash (or, when none of these is used, by its lines in the file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])[ \t]+")
_ANY_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d+[.)])[ \t]+")
_QUOTE = re.compile(r"^[ \t]*>[ \t]?")
_HARD_BREAK = re.compile(r"<br\s*/?>|\\$| {2,}$", re.I)
_PARAGRAPH_TAG = re.compile(r"^\s*</?(?:p|div)\b[^>]*>\s*|\s*</?(?:p|div)\b[^>]*>\s*$", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)
#: HTML comments, and Markdown's ``[//]: # (...)`` comment lines (a link definition nobody uses).
_COMMENT = re.compile(r"<!--.*?-->|^[ \t]*\[//\]:[ \t]*(?:#|<>)[^\n]*", re.S | re.M)


@dataclass
class Section:
    title: str  #: heading text, "" for the part before the first heading
    line: int  #: line of the heading (or of the first line)
    lines: list[str] = field(default_factory=list)  #: the body, without the heading
    level: int = 2  #: heading level (setext ``===`` is 1, ``---`` 2)
    #: lines the heading takes (a setext heading: its title and its underline)
    heading_lines: int = 1

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Item:
    line: int
    parts: list[tuple[int, str]]  #: ``(line, text)`` of each ``<br />``-separated piece


def sections(body: str, first_line: int, level: int | None = None) -> list[Section]:
    """Split at headings (of *level* only, when given); text inside HTML comments and fenced
    code never starts a section."""
    result = [Section("", first_line)]
    in_comment = in_fence = False
    lines = body.splitlines()
    skip = False
    for offset, line in enumerate(lines):
        if skip:
            skip = False
            continue
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = _HEADING.match(line)
        following = lines[offset + 1] if offset + 1 < len(lines) else ""
        setext = (not match and not in_comment and not in_fence and line.strip()
                  and not _ANY_ITEM.match(line) and not _QUOTE.match(line)
                  and _SETEXT.match(following) and not line.lstrip().startswith("<")
                  and (offset == 0 or not lines[offset - 1].strip()))
        found = (len(match.group(1)), match.group(2).strip()) if match else (
            (1 if following.strip()[0] == "=" else 2, line.strip()) if setext else None)
        if found and not in_comment and not in_fence and (level is None or found[0] == level):
            result.append(Section(found[1], first_line + offset, level=found[0],
                                  heading_lines=2 if setext else 1))
            skip = bool(setext)
        else:
            result[-1].lines.append(line)
        in_comment = _still_in_comment(line, in_comment)
    return result


def _still_in_comment(line: str, in_comment: bool) -> bool:
    while True:
        if in_comment:
            end = line.find("-->")
            if end < 0:
                return True
            line, in_comment = line[end + 3:], False
        else:
            start = line.find("<!--")
            if start < 0:
                return False
            line, in_comment = line[start + 4:], True


@dataclass
class Block:
    """A list item with its continuation lines, or a paragraph, in a publications section."""

    line: int
    is_item: bool
    lines: list[tuple[int, str]]  #: ``(line, text)`` of each line after splitting at breaks
    source: list[str]  #: the lines as written


def blocks(section: Section) -> list[Block]:
    """The section's list items and paragraphs, each with its lines split at hard breaks."""
    first = section.line + section.heading_lines if section.title else section.line
    found: list[tuple[int, bool, list[tuple[int, str, bool]]]] = []
    current: list[tuple[int, str, bool]] | None = None
    blank = True
    item_indent = 0  # a marker indented more than the open item's is a sub-item
    for offset, line in enumerate(section.lines):
        number = first + offset
        item = _ANY_ITEM.match(line)
        quote = _QUOTE.match(line)
        if not line.strip():
            blank = True
            continue
        if _SETEXT.match(line) and blank:  # a thematic break
            current = None
            continue
        indent = len(item.group(1).expandtabs(4)) if item else 0
        if item and indent <= 3 and not (current is not None and found[-1][1]
                                         and indent > item_indent):
            current = [(number, line[item.end():], True)]
            found.append((number, True, current))
            item_indent = indent
        elif current is not None and (not blank or line[:1] in " \t" or quote) and (
                found[-1][1] or not blank):
            text = line
            starts = bool(item or quote)
            if item:
                text = line[item.end():]
            elif quote:
                text = line[quote.end():]
            current.append((number, text if starts else text.strip() + _trailing(line), starts))
        else:
            text = line[quote.end():] if quote else line
            current = [(number, text, True)]
            found.append((number, False, current))
        blank = False
    result = []
    for number, is_item, lines in found:
        source = [text for _, text, _ in lines]
        cleaned = [(n, _PARAGRAPH_TAG.sub("", t), starts) for n, t, starts in lines]
        result.append(Block(number, is_item, _hard_lines(cleaned), source))
    return result


def _trailing(line: str) -> str:
    """The two spaces at the end of *line* that make a hard break, kept after stripping."""
    return "  " if line.endswith("  ") else ""


def _hard_lines(lines: list[tuple[int, str, bool]]) -> list[tuple[int, str]]:
    """Lines split at hard breaks; when the block has none, each line of the file is one."""
    if not any(_HARD_BREAK.search(text) for _, text, _ in lines):
        return [(n, t.strip()) for n, t, _ in lines if t.strip()]
    out: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, text, starts in lines:
        if starts and pending is not None and pending[1]:
            out.append(pending)
            pending = None
        pieces = _BREAK.split(text)
        for index, piece in enumerate(pieces):
            hard = index < len(pieces) - 1 or bool(re.search(r"\\$| {2,}$", piece))
            piece = re.sub(r"\\$", "", piece).strip()
            if pending is None or not pending[1]:
                pending = (number, piece)
            else:
                pending = (pending[0], f"{pending[1]} {piece}".strip())
            if hard:
                out.append(pending)
                pending = None
    if pending is not None and pending[1]:
        out.append(pending)
    return [(n, t) for n, t in out if t]


def list_items(section: Section) -> tuple[list[Item], list[tuple[int, str]]]:
    """The section's top-level list items, and its other non-blank lines (``(line, text)``)."""
    items: list[Item] = []
    other: list[tuple[int, str]] = []
    current: list[tuple[int, str]] | None = None
    for offset, line in enumerate(section.lines):
        number = (section.line + section.heading_lines + offset if section.title
                  else section.line + offset)
        if _ITEM.match(line):
            current = [(number, _ITEM.sub("", line, count=1))]
            items.append(Item(number, []))
            items[-1].parts = current
        elif current is not None and line.strip() and line[:1] in " \t":
            current.append((number, line.strip()))
        elif line.strip():
            current = None
            other.append((number, line))
        # a blank line keeps the item open: continuation lines may follow after it
    for item in items:
        item.parts = _split_breaks(item.parts)
    return items, other


def _split_breaks(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join an item's lines and cut at ``<br />``; each piece keeps the line it starts on."""
    parts: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, line in lines:
        pieces = _BREAK.split(line)
        for index, piece in enumerate(pieces):
            if pending is None or not pending[1]:  # a piece starts where its first words are
                pending = (number, piece.strip())
            else:
                pending = (pending[0], f"{pending[1]} {piece.strip()}".strip())
            if index < len(pieces) - 1:
                parts.append(pending)
                pending = None
        # a line without <br /> continues the current piece on the next line
    if pending is not None and pending[1]:
        parts.append(pending)
    return [(n, t) for n, t in parts if t]


def split_comments(section: Section) -> tuple[Section, list[tuple[int, str]]]:
    """The section with its HTML comments blanked out (lines keep their numbers), and the
    comments (``(line, "<!-- ... -->")``): a commented-out list item is not a record."""
    text = section.text
    comments = []
    first = section.line + section.heading_lines if section.title else section.line
    for match in _COMMENT.finditer(text):
        comments.append((first + text.count("\n", 0, match.start()), match.group(0)))
    blanked = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return Section(section.title, section.line, blanked.split("\n"), section.level,
                   section.heading_lines), comments


def without_comments(text: str) -> str:
    return _COMMENT.sub("", text)
