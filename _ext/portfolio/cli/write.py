"""Write an :class:`~portfolio.importers.ImportedSite` into a site folder.

Files a new site's placeholders still hold are replaced; any other existing file is kept
unless the caller forces it, so an import never overwrites someone's work by surprise.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..importers import ImportedSite
from ..importers.bibtex import format_entries
from .scaffold import PLACEHOLDER_NAME, conf_py, site_files

BIB_HEADER = ("% Publications, imported; edit freely. Site fields (code, slides, talk, website,\n"
              "% award, selected, author+an) are ignored by LaTeX. Notes with links are in\n"
              "% docs/_data/publications.yaml.")
#: Pages listed in the home page's navigation, in this order; other pages follow by name.
PAGE_ORDER = ("publications", "teaching", "service", "talks", "news", "cv")
#: Data files of the placeholder site, by the kind of record that replaces them.
DATA_FILES = {"teaching": "docs/_data/teaching.yaml", "service": "docs/_data/service.yaml",
              "overlay": "docs/_data/publications.yaml"}


class Conflict(Exception):
    """Files exist with content of their own; the message names them."""


def _yaml(value, comment: str) -> str:
    return f"# {comment}\n" + yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=1 << 16)


def planned_files(site: ImportedSite) -> tuple[dict[str, str], list[str]]:
    """``(files to write by path, placeholder files to remove)``."""
    name = site.profile.get("name") or site.owner or PLACEHOLDER_NAME
    placeholders = site_files()
    files: dict[str, str] = {}
    removed: list[str] = []
    files["conf.py"] = conf_py(name, site.settings)
    if site.bib_text is not None:
        files["refs.bib"] = site.bib_text
    elif site.entries:
        files["refs.bib"] = format_entries(site.entries, BIB_HEADER)
    if site.profile.get("name"):
        files["docs/_data/profile.yaml"] = _yaml(site.profile, "Who this site is about; shown "
                                                 "in the sidebar of every page. Imported.")
    records = {"teaching": (site.teaching, "Courses, in the order they are listed. Imported."),
               "service": (site.service, "Service roles with their venues or years. Imported."),
               "overlay": (site.overlay, "Site-only notes, awards and links for entries of "
                                         "refs.bib, keyed by citation key. Imported.")}
    for kind, (value, comment) in records.items():
        if value:
            files[DATA_FILES[kind]] = _yaml(value, comment)
        else:
            removed.append(DATA_FILES[kind])
    for name, value, comment in (
            ("coauthors", site.coauthors, "Co-authors' pages, by name as in author lists."),
            ("venues", site.venues, "Venue badges: link and colour, by badge text.")):
        if value:
            files[f"docs/_data/{name}.yaml"] = _yaml(value, comment + " Imported.")
    for kind, value in site.cv.items():
        files[f"docs/_data/{kind}.yaml"] = _yaml(value, f"CV: {kind}, in the order they are "
                                                        "listed. Imported.")
    pages = dict(site.pages)
    index = pages.pop("index", f"# {name}\n")
    names = [p for p in PAGE_ORDER if p in pages] + sorted(p for p in pages if p not in PAGE_ORDER)
    for page in names:
        files[f"docs/{page}.md"] = pages[page]
    for page in ("publications", "teaching", "service", "news", "cv"):
        if page not in pages and (page != "publications" or not (site.entries or site.bib_text)):
            removed.append(f"docs/{page}.md")
    removed += [f"docs/_data/{kind}.yaml" for kind in ("education", "positions")
                if kind not in site.cv]
    removed.append("docs/_data/news.yaml")  # imported news is a page of its own
    toc = "\n".join(["", "```{toctree}", ":hidden:", "", *names, "```", ""]) if names else ""
    files["docs/index.md"] = index.rstrip("\n") + "\n" + toc
    # Only what a new site holds as a placeholder may go without being replaced.
    removed = [p for p in removed if p in placeholders and p not in files]
    return files, removed


def write_site(site: ImportedSite, root: Path, force: bool = False) -> tuple[list[str], list[str]]:
    """Write the import into *root*; return ``(written, removed)`` relative paths.

    Raises :class:`Conflict` when a file to replace holds anything but its placeholder.
    """
    files, removed = planned_files(site)
    placeholders = site_files()
    if not (root / "conf.py").exists():  # a folder with no site yet: the rest of a new site
        for path, text in placeholders.items():
            if path not in removed:
                files.setdefault(path, text)
    copies = {path: source.read_bytes() for path, source in site.files.items()}
    replaceable = {path: {text.encode("utf-8"), placeholders.get(path, "").encode("utf-8")}
                   for path, text in files.items()}
    replaceable |= {path: {data} for path, data in copies.items()}
    blocked = [path for path, allowed in replaceable.items()
               if not force and (root / path).exists() and (root / path).read_bytes() not in allowed]
    if blocked:
        raise Conflict(", ".join(blocked))
    written = []
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        written.append(path)
    for path, data in copies.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(path)
    gone = []
    for path in removed:
        if (root / path).exists() and (root / path).read_text("utf-8") == placeholders.get(path):
            (root / path).unlink()
            gone.append(path)
    return written, gone
