"""What Jekyll sites share: front matter, HTML comments, Liquid tags, Markdown pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.yamlfile import parse_yaml
from . import ImportedSite

#: Front matter; its closing ``---`` may end the file without a newline (academicpages' own
#: generator writes it so).
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--(.*?)-->|^[ \t]*\[//\]:[ \t]*(?:#|<>)[ \t]*\(?([^\n]*?)\)?[ \t]*$",
                      re.S | re.M)
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
#: Front-matter keys that only steer Jekyll (layout, address); MyST pages need none of them.
JEKYLL_ONLY = frozenset({"layout", "permalink", "redirect_from", "author_profile", "excerpt",
                         "nav", "nav_order", "sitemap", "collection", "dropdown", "published",
                         "toc", "sidebar", "comments", "share", "related", "inline", "related_posts",
                         "giscus_comments", "pretty_table", "display_categories", "horizontal",
                         "social", "announcements", "latest_posts", "selected_papers", "mermaid"})


#: Folders of a Jekyll site that hold layout, build output or theme code, not content.
JEKYLL_FOLDERS = frozenset({"_layouts", "_includes", "_sass", "_site", "_plugins", "_scripts",
                           "_data", "_bibliography", "_pages", "_config", ".jekyll-cache"})


@dataclass
class Document:
    """A Jekyll file: its front matter and its body, with the line the body starts on."""

    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int  #: 1-based line of the body's first line in the file
    meta_lines: dict[str, int] = field(default_factory=dict)  #: line of each front-matter key

    def line(self, key: str) -> int:
        return self.meta_lines.get(key, 1)


def read_document(path: Path, site: ImportedSite) -> Document:
    """Front matter and body of *path*; a file that is not UTF-8 is read as Windows-1252.
    A file the site may not read (see :meth:`ImportedSite.readable`) is read as empty."""
    if not site.readable(path):
        return Document(path, {}, "", 1)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = raw.decode("cp1252", errors="replace")
        site.guessed("this file is not UTF-8 and was read as Windows-1252 (Latin-1); check its "
                     "accents", path, raw[: exc.start].count(b"\n") + 1)
    text = text.replace("\r\n", "\n")
    match = _FRONT.match(text)
    if not match:
        return Document(path, {}, text, 1)
    # padded with the opening line, so that front matter lines are the file's
    data = parse_yaml("\n" + (match.group(1) or ""), path)
    for problem in data.problems:
        if problem.subtype != "empty_file":
            site.skipped(f"front matter not read: {problem.message}", path, problem.location.line)
    meta = data.value if isinstance(data.value, dict) else {}
    if data.value is not None and not isinstance(data.value, dict):
        site.skipped("front matter is not a mapping of keys to values; not read", path, 2)
    lines = {key[0]: line for key, line in data.lines.items() if len(key) == 1}
    return Document(path, meta, text[match.end():], text.count("\n", 0, match.end()) + 1, lines)


def hide_comments(text: str) -> str:
    """HTML comments become MyST ``%`` comment lines: kept in the page, hidden from readers."""

    def replace(match: re.Match[str]) -> str:
        lines = [line.rstrip() for line in (match.group(1) or match.group(2) or "").strip()
                 .splitlines()]
        return "\n".join(["% Kept from the source page, hidden from readers:",
                          *[f"% {line}".rstrip() for line in lines]])

    return _COMMENT.sub(replace, text)


def report_comments(doc: Document, site: ImportedSite) -> None:
    """For records made from a body without its HTML comments: name each comment left out."""
    for match in _COMMENT.finditer(doc.body):
        words = " ".join((match.group(1) or match.group(2) or "").split())
        site.skipped(f"hidden HTML comment not imported: {words[:60]!r}"
                     + ("..." if len(words) > 60 else ""),
                     doc.path, doc.body_line + doc.body.count("\n", 0, match.start()))


def report_unread(root: Path, read: set[str], site: ImportedSite) -> None:
    """Name each content folder (``_posts``, ``_projects``, ...), data file and non-Markdown
    page of the Jekyll site that the importer did not read (*read*: folder names and
    ``_data/...`` paths)."""
    for folder in sorted(p for p in root.glob("_*") if p.is_dir()):
        if folder.name in read or folder.name in JEKYLL_FOLDERS:
            continue
        count = sum(1 for f in folder.rglob("*") if f.is_file())
        if count:
            site.skipped(f"folder {folder.name}/ ({count} file{'s' * (count != 1)}) not "
                         "imported", folder)
    data = root / "_data"
    for path in sorted(data.rglob("*")) if data.is_dir() else ():
        name = path.relative_to(root).as_posix()
        if path.is_file() and name not in read:
            site.skipped(f"data file {name} not imported", path)
    pages = root / "_pages"
    for page in sorted(pages.glob("*")) if pages.is_dir() else ():
        if page.is_file() and page.suffix != ".md":
            site.skipped(f"page {page.name} not imported: only Markdown pages are converted",
                         page)


def without_liquid(text: str) -> str:
    """*text* with its Liquid tags removed (lines keep their numbers)."""
    return _LIQUID.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def has_liquid(text: str) -> bool:
    return bool(_LIQUID.search(text))


def only_markup(text: str) -> bool:
    """Whether *text* is nothing but Liquid tags, HTML tags and comments (no words of its own)."""
    return not _HTML_TAG.sub("", _LIQUID.sub("", _COMMENT.sub("", text))).strip()


def report_markup(doc: Document, text: str, site: ImportedSite, first_line: int) -> None:
    """Name each line that still holds Liquid or raw HTML, which MyST pages do not run."""
    visible = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for offset, line in enumerate(visible.splitlines()):
        if _LIQUID.search(line):
            site.skipped("Liquid tag kept as text; MyST pages do not run Liquid: rewrite it "
                         "(e.g. with a portfolio directive)", doc.path, first_line + offset)
        elif _HTML_TAG.search(line):
            site.guessed("raw HTML kept as written; it shows in HTML output only, consider "
                         "Markdown instead", doc.path, first_line + offset)


def page_from_document(doc: Document, site: ImportedSite, title: str | None = None) -> str:
    """A MyST page from a Jekyll Markdown page: title heading, body with hidden comments."""
    title = title or str(doc.meta.get("title") or doc.path.stem.replace("_", " ").title())
    report_front_matter(doc, site, used={"title", "description"})
    body = doc.body.strip("\n")
    report_markup(doc, body, site, doc.body_line + len(doc.body) - len(doc.body.lstrip("\n")))
    description = str(doc.meta.get("description") or "").strip()
    lead = f"{description}\n\n" if description else ""
    return f"# {title}\n\n{lead}{hide_comments(body)}\n"


def report_front_matter(doc: Document, site: ImportedSite, used: set[str]) -> None:
    jekyll_only = [key for key in doc.meta if key in JEKYLL_ONLY and key not in used]
    if jekyll_only:
        site.skipped(f"front matter only Jekyll needs, not carried over: {', '.join(jekyll_only)}"
                     " (pages get their address from their file name)", doc.path,
                     doc.line(jekyll_only[0]))
    for key, value in doc.meta.items():
        if key not in used and key not in JEKYLL_ONLY:
            site.skipped(f"front matter {key}: {value!r} not imported (no equivalent here)",
                         doc.path, doc.line(key))
