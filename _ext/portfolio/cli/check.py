"""``portfolio check``: every data file validated by the data layer, with no Sphinx build.

The files and settings are the ones a build would use (``conf.py`` is read for
``bibtex_bibfiles`` and the ``portfolio_*`` values), and the problems are the ones a build
reports as warnings, with the same messages and subtypes.
"""

from __future__ import annotations

import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin

from ..data.bibfile import parse_bibfiles
from ..data.fields import LINK_FIELDS
from ..data.publications import build_publications
from ..data.records import (
    load_coauthors,
    load_courses,
    load_cv_entries,
    load_profile,
    load_service,
    load_venues,
)
from ..data.yamlfile import load_yaml
from ..model import Location, Problem, Publication
from ..text.names import is_owner, parse_name

#: Directives that read a record file, each with its setting ``portfolio_<kind>``.
RECORD_KINDS = ("teaching", "service", "education", "positions", "talks", "awards")
_KINDS = "|".join(RECORD_KINDS)
#: ``.. service:: path`` in reST pages.
_RST_DIRECTIVE = re.compile(rf"^\s*\.\. ({_KINDS})::[ \t]*(\S[^\n]*)?$", re.M)
#: ``{teaching} path`` as a MyST fence's info.
_MYST_DIRECTIVE = re.compile(rf"^\{{({_KINDS})\}}\s*(.*)$")
#: Directives whose content is text, not Markdown (an example inside them is not used).
_LITERAL = re.compile(r"^\{(code|code-block|sourcecode|literalinclude|raw|math)\}")
_MARKDOWN = MarkdownIt("commonmark").use(colon_fence_plugin)


def _defaults() -> dict[str, Any]:
    from ..extension.config import OPTIONS  # the declared defaults, so check and build agree

    return {option.name: option.default for option in OPTIONS}


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  #: every data file that was read


def read_conf(root: Path) -> dict[str, Any]:
    """The values ``conf.py`` sets (it is run as Sphinx would run it)."""
    return runpy.run_path(str(root / "conf.py"))


def check_site(root: Path, pages: Path | None = None,
               conf: dict[str, Any] | None = None) -> CheckResult:
    """Validate the site whose ``conf.py`` is in *root* (its values: *conf*, read when not
    given); pages default to ``root/docs``."""
    result = CheckResult()
    root = root.resolve()
    conf = _defaults() | (read_conf(root) if conf is None else conf)
    srcdir = pages.resolve() if pages else (root / "docs" if (root / "docs").is_dir() else root)
    bibfiles = [(root / name).resolve() for name in conf.get("bibtex_bibfiles") or ()]
    parsed = parse_bibfiles(bibfiles, conf.get("bibtex_encoding", "utf-8-sig"))
    result.files += bibfiles
    result.problems += parsed.problems
    overlay_path = _optional_file(srcdir, conf, "portfolio_bib_overlay")
    overlay = load_yaml(overlay_path) if overlay_path is not None else None
    if overlay_path is not None:
        result.files.append(overlay_path)
    for name, loader in (("venues", load_venues), ("coauthors", load_coauthors)):
        path = _optional_file(srcdir, conf, f"portfolio_{name}")
        if path is not None:
            result.problems += loader(path)[1]
            result.files.append(path)
    labels = {name: spec.label for name, spec in LINK_FIELDS.items()} | conf["portfolio_link_labels"]
    records, problems = build_publications(parsed.data, parsed.locations, overlay, labels)
    result.problems += problems
    profile = None
    if conf["portfolio_profile"]:
        path = srcdir / conf["portfolio_profile"]
        profile, problems = load_profile(path)
        result.files.append(path)
        result.problems += problems
    for kind, path, required in _record_files(srcdir, conf):
        if kind == "teaching":
            _, problems = load_courses(path)
        elif kind == "service":
            _, problems = load_service(path)
        else:
            _, problems = load_cv_entries(path, kind, required)
        result.files.append(path)
        result.problems += problems
    owner_names = list(conf["portfolio_owner"]) or (
        [profile.name, *profile.name_variants] if profile is not None else [])
    result.problems += _owner_problems(records, owner_names, root / "conf.py")
    suppressed = set(conf.get("suppress_warnings") or ())
    result.problems = [p for p in result.problems if "portfolio" not in suppressed
                       and f"portfolio.{p.subtype}" not in suppressed]
    return result


def _owner_problems(records: list[Publication], names: list[str], conf_py: Path) -> list[Problem]:
    """The build's warning when the owner's name matches no author (nothing is highlighted)."""
    variants = [parse_name(name) for name in names]
    if not records or not variants or any(is_owner(author, variants) for pub in records
                                          for author in pub.authors):
        return []
    shown = ", ".join(repr(" ".join(given + surname)) for given, surname in variants)
    return [Problem(
        f"the site owner's name ({shown}) matches no author in the BibTeX file, so nothing is "
        "highlighted; set portfolio_owner in conf.py to the spelling used in author lists",
        Location(str(conf_py)), "owner")]


def _optional_file(srcdir: Path, conf: dict[str, Any], option: str) -> Path | None:
    """As in a build: an optional data file is read when it exists or its setting names it."""
    if not conf[option]:
        return None
    path = srcdir / conf[option]
    return path if path.exists() or conf[option] != _defaults()[option] else None


def _record_files(srcdir: Path, conf: dict[str, Any]) -> list[tuple[str, Path, bool]]:
    """``(kind, path, required)`` of each record file: the defaults that exist, and every file
    a page's directive names. As in a build, a CV file left at its default may be missing."""
    defaults = _defaults()
    found: dict[Path, tuple[str, bool]] = {}
    for kind in RECORD_KINDS:
        default = srcdir / conf[f"portfolio_{kind}"]
        if default.exists():
            found[default.resolve()] = (kind, True)
    for page in sorted([*srcdir.rglob("*.md"), *srcdir.rglob("*.rst")]):
        if "_build" in page.parts:
            continue
        text = page.read_text("utf-8", errors="replace")
        uses = (_myst_directives(text) if page.suffix == ".md"
                else [(m.group(1), m.group(2) or "") for m in _RST_DIRECTIVE.finditer(text)])
        for kind, argument in uses:
            argument = argument.strip()
            setting = f"portfolio_{kind}"
            if not argument:
                path = srcdir / conf[setting]
                required = kind in ("teaching", "service") or conf[setting] != defaults[setting]
            else:
                path = srcdir / argument.lstrip("/") if argument.startswith("/") \
                    else page.parent / argument
                required = True
            found.setdefault(path.resolve(), (kind, required))
    return [(kind, path, required) for path, (kind, required) in found.items()]


def _myst_directives(text: str) -> list[tuple[str, str]]:
    """``(kind, argument)`` of each record directive of a MyST page, also inside other
    directives; fenced examples (```` ```md ````) are not directives."""
    found = []
    for token in _MARKDOWN.parse(text):
        if token.type not in ("fence", "colon_fence"):
            continue
        match = _MYST_DIRECTIVE.match(token.info.strip())
        if match:
            found.append((match.group(1), match.group(2)))
        elif token.info.startswith("{") and not _LITERAL.match(token.info):
            found += _myst_directives(token.content)
    return found


def format_problem(problem: Problem) -> str:
    """One line as the build writes it: ``path:line: WARNING: message [portfolio.subtype]``."""
    where = problem.location
    return f"{where.path}:{where.line or ''}: WARNING: {problem.message} [portfolio.{problem.subtype}]"
