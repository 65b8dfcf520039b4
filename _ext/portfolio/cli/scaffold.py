"""A new site's files, rendered from the templates shipped in ``cli/site/``.

The same templates serve ``portfolio new`` and the imports (which render ``conf.py`` again with
the imported settings), so a new site and an imported one have one layout. The owner's name is
written into Python, YAML, BibTeX, LaTeX and Markdown, each time escaped as that language needs,
so that whatever it holds it stays text.
"""

from __future__ import annotations

import re
from importlib import resources
from string import Template
from typing import Any

import yaml

from ..importers.bibtex import bibtex_name, braces_nested
from ..text.names import parse_name
from .install import Install, copied_files, detect, site_pyproject

PLACEHOLDER_NAME = "Your Name"

#: Path in the new site → template file in ``cli/site/`` (dot files are stored without the dot,
#: so they are package data like the rest).
FILES = {
    "conf.py": "conf.py.template",
    "refs.bib": "refs.bib",
    "README.md": "README.md",
    ".readthedocs.yaml": "readthedocs.yaml",
    ".github/workflows/pages.yml": "github/workflows/pages.yml",
    ".gitignore": "gitignore",
    "docs/index.md": "docs/index.md",
    "docs/publications.md": "docs/publications.md",
    "docs/teaching.md": "docs/teaching.md",
    "docs/service.md": "docs/service.md",
    "docs/news.md": "docs/news.md",
    "docs/cv.md": "docs/cv.md",
    "docs/_data/profile.yaml": "docs/_data/profile.yaml",
    "docs/_data/publications.yaml": "docs/_data/publications.yaml",
    "docs/_data/news.yaml": "docs/_data/news.yaml",
    "docs/_data/teaching.yaml": "docs/_data/teaching.yaml",
    "docs/_data/service.yaml": "docs/_data/service.yaml",
    "docs/_data/education.yaml": "docs/_data/education.yaml",
    "docs/_data/positions.yaml": "docs/_data/positions.yaml",
}
#: Templates with ``${...}`` fields; the others are written as they are.
TEMPLATES = frozenset({"conf.py", "refs.bib", "README.md", "docs/index.md",
                       "docs/_data/profile.yaml"})

#: The conf.py lines that load a copy of the extension kept in the site's ``_ext/``.
LOAD_COPY = '''
import sys
from pathlib import Path

# The extension is kept in _ext/ (copied there by `portfolio new`): load it from there.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))
'''

_SETTING_COMMENTS = {
    "portfolio_author_notes": "How author annotations (biblatex author+an) are marked, in the "
                              "words of the original page; an empty legend: the original page "
                              "does not say what the mark means (write it here).",
}

#: Characters with a meaning in BibTeX or LaTeX, escaped; braces are escaped and kept in pairs
#: (BibTeX counts even escaped ones), so a name with a backslash or a lone brace is refused.
_BIBTEX_SPECIAL = re.compile(r"([{}$&%#_])")
#: A word "and" separates authors; dashes, doubled quotes and "`" mean more than themselves.
_BIBTEX_WORDS = re.compile(r"(?i)(?<!\S)and(?!\S)|-(?=-)|'(?=')|,(?=,)|`")
_TEX_SPECIAL = re.compile(r"[{}$&%#_~^]")
_TEX = {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


class BadName(ValueError):
    """A name that cannot be written as one line of text."""


def clean_name(name: str) -> str:
    """*name* on one line, spaces collapsed; :class:`BadName` when empty or holding control
    characters."""
    name = " ".join(name.split())
    if not name:
        raise BadName("the name is empty; give it as it appears in author lists")
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in name):
        raise BadName("the name holds control characters; give it as plain text")
    if "\\" in name or not braces_nested(name):
        raise BadName("the name holds a backslash or an unpaired brace, which refs.bib cannot "
                      "hold as text; give the name as it appears in author lists")
    return name


def bibtex_text(text: str) -> str:
    """*text* as a BibTeX value that reads back (through LaTeX) as the same text."""
    text = _BIBTEX_SPECIAL.sub(r"\\\1", text).replace("~", r"\textasciitilde{}")
    return _BIBTEX_WORDS.sub(lambda m: "{" + m.group() + "}", text)


def markdown_text(text: str) -> str:
    """*text* for a Markdown (MyST) line: every ASCII punctuation mark backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def yaml_text(text: str) -> str:
    """*text* as a YAML double-quoted scalar, UTF-8 as it is."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1 << 16).strip()


def tex_text(text: str) -> str:
    """*text* for a LaTeX argument (``latex_documents``' author is LaTeX, not text)."""
    return _TEX_SPECIAL.sub(lambda m: _TEX.get(m.group(), "\\" + m.group()), text)


def _author_form(name: str) -> str:
    """*name* as BibTeX authors are usually written ("Lovelace, Ada"), unless BibTeX would split
    that form otherwise than the name as given (which is how the owner is recognised)."""
    turned = bibtex_name(name)
    return turned if parse_name(turned) == parse_name(name) else name


def _template(name: str) -> str:
    return (resources.files(__package__) / "site" / name).read_text("utf-8")


def conf_py(name: str, settings: dict[str, Any] | None = None,
            install: Install | None = None) -> str:
    """The site's ``conf.py``; *settings* are extra ``portfolio_*`` values, each commented."""
    lines = []
    for key, value in (settings or {}).items():
        comment = _SETTING_COMMENTS.get(key)
        lines += [f"# {comment}"] if comment else []
        lines.append(f"{key} = {value!r}")
    text = "\n" + "\n".join(lines) + "\n" if lines else ""
    load = LOAD_COPY if (install or detect()).kind == "copy" else ""
    return Template(_template("conf.py.template")).substitute(
        name=repr(name), settings=text, load_ext=load, tex_name=repr(tex_text(name)))


def site_files(name: str = PLACEHOLDER_NAME, install: Install | None = None) -> dict[str, str]:
    """Every file of a new site, by path, with *name* as the owner; the extension is installed
    as *install* says (by default: as this copy of it was)."""
    install = install or detect()
    values = {"page_name": markdown_text(name), "yaml_name": yaml_text(name),
              "bib_name": bibtex_text(_author_form(name))}
    files = {}
    for path, source in FILES.items():
        text = _template(source)
        files[path] = (conf_py(name, install=install) if path == "conf.py" else
                       Template(text).substitute(values) if path in TEMPLATES else text)
    files["requirements.txt"] = install.requirements
    if install.kind == "copy":
        files["pyproject.toml"] = site_pyproject(install)
        files |= copied_files()
    return files
