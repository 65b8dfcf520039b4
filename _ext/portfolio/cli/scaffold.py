"""A new site's files, rendered from the templates shipped in ``cli/site/``.

The same templates serve ``portfolio new`` and the imports (which render ``conf.py`` again with
the imported settings), so a new site and an imported one have one layout.
"""

from __future__ import annotations

import json
from importlib import resources
from string import Template
from typing import Any

from ..importers.bibtex import bibtex_name, escape

PLACEHOLDER_NAME = "Your Name"

#: Path in the new site → template file in ``cli/site/`` (dot files are stored without the dot,
#: so they are package data like the rest).
FILES = {
    "conf.py": "conf.py.template",
    "refs.bib": "refs.bib",
    "README.md": "README.md",
    "requirements.txt": "requirements.txt",
    ".readthedocs.yaml": "readthedocs.yaml",
    ".gitignore": "gitignore",
    "docs/index.md": "docs/index.md",
    "docs/publications.md": "docs/publications.md",
    "docs/teaching.md": "docs/teaching.md",
    "docs/service.md": "docs/service.md",
    "docs/cv.md": "docs/cv.md",
    "docs/_data/profile.yaml": "docs/_data/profile.yaml",
    "docs/_data/publications.yaml": "docs/_data/publications.yaml",
    "docs/_data/teaching.yaml": "docs/_data/teaching.yaml",
    "docs/_data/service.yaml": "docs/_data/service.yaml",
    "docs/_data/education.yaml": "docs/_data/education.yaml",
    "docs/_data/positions.yaml": "docs/_data/positions.yaml",
}

_SETTING_COMMENTS = {
    "portfolio_author_notes": "How author annotations (biblatex author+an) are marked, in the "
                              "words of the original page.",
}


def _template(name: str) -> Template:
    return Template((resources.files(__package__) / "site" / name).read_text("utf-8"))


def conf_py(name: str, settings: dict[str, Any] | None = None) -> str:
    """The site's ``conf.py``; *settings* are extra ``portfolio_*`` values, each commented."""
    lines = []
    for key, value in (settings or {}).items():
        comment = _SETTING_COMMENTS.get(key)
        lines += [f"# {comment}"] if comment else []
        lines.append(f"{key} = {value!r}")
    text = "\n" + "\n".join(lines) + "\n" if lines else ""
    return _template("conf.py.template").substitute(name=repr(name), settings=text)


def site_files(name: str = PLACEHOLDER_NAME) -> dict[str, str]:
    """Every file of a new site, by path, with *name* as the owner."""
    values = {"plain_name": name, "yaml_name": json.dumps(name),
              "bib_name": escape(bibtex_name(name))}
    return {path: conf_py(name) if path == "conf.py" else _template(source).substitute(values)
            for path, source in FILES.items()}
