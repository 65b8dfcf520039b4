"""``portfolio check``: the problems a build would report, found without building.

The settings are ``conf.py``'s, checked as a build checks them; the data is loaded by the
build's own loader (:func:`portfolio.data.site.load_site`); the pages are read for the
extension's directives and roles (:mod:`portfolio.cli.pages`), whose options, files and
citation keys are checked by the same functions the directives call. Every problem has the
build's words and location.
"""

from __future__ import annotations

import dataclasses
import os
import runpy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.util.matching import Matcher
from sphinx.util.nodes import split_explicit_title

from ..data.records import load_courses, load_cv_entries, load_service
from ..data.site import RECORD_FILES, SiteData, SiteSettings, load_site, record_file, site_settings
from ..extension.cv_pdf import cv_pdf_message, pdf_refusal
from ..extension.directives.cv import NO_PROFILE
from ..model import Location, Problem
from ..options import DEFAULTS, check_values, publications_page_problem
from ..query.options import read_look, read_query, read_stats_grouping, unknown_keys
from ..query.select import select
from . import UsageError
from .pages import DirectiveUse, RoleUse, scan_page

#: conf.py values a check reads besides the ``portfolio_*`` options, and their defaults.
_OTHER_VALUES = {"bibtex_bibfiles": [], "bibtex_encoding": "utf-8-sig", "exclude_patterns": [],
                 "myst_enable_extensions": [], "suppress_warnings": [], "root_doc": "index",
                 "source_suffix": None}


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  #: every data file and page that was read


def read_conf(root: Path) -> dict[str, Any]:
    """The values ``conf.py`` sets (it is run as Sphinx would run it); a conf.py that fails is
    a usage error."""
    try:
        return runpy.run_path(str(root / "conf.py"))
    except Exception as exc:
        raise UsageError(f"conf.py could not be run: {exc.__class__.__name__}: {exc}") from None


def check_site(root: Path, pages: Path | None = None,
               conf: dict[str, Any] | None = None) -> CheckResult:
    """The problems of the site whose ``conf.py`` is in *root* (its values: *conf*, read when
    not given); pages default to ``root/docs`` when that folder exists."""
    root = root.resolve()
    conf = read_conf(root) if conf is None else conf
    pages = (pages or (root / "docs" if (root / "docs").is_dir() else root)).resolve()
    result = CheckResult()
    values, problems = check_values(conf, root / "conf.py")
    for name, default in _OTHER_VALUES.items():
        values[name] = conf.get(name, default)
    settings, found = site_settings(values, DEFAULTS, root, pages)
    problems += found
    site, found = load_site(settings)
    problems += found
    result.files += [*settings.bibfiles, *(f.path for f in settings.files.values()
                                            if f.path is not None and f.path.is_file())]
    page_files = _pages(pages, values)
    result.files += page_files
    problems += _page_problems(page_files, settings, site, values)
    problems += _publications_page(values, pages, page_files, root / "conf.py")
    suppressed = set(values["suppress_warnings"] or ())
    seen: set[Problem] = set()
    for problem in problems:
        if problem in seen or "portfolio" in suppressed \
                or f"portfolio.{problem.subtype}" in suppressed:
            continue
        seen.add(problem)
        result.problems.append(problem)
    return result


def _pages(pages: Path, values: dict[str, Any]) -> list[Path]:
    """The pages a build reads: Markdown and reStructuredText files of the pages folder, but
    those ``exclude_patterns`` leaves out, hidden folders and the build's output."""
    excluded = Matcher([*(values["exclude_patterns"] or ()), "_build", "**/.*"])
    found = []
    for folder, dirs, files in os.walk(pages):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            relative = path.relative_to(pages).as_posix()
            if path.suffix in (".md", ".rst") and not excluded(relative) and path.is_file():
                found.append(path)
    return found


def _page_problems(page_files: list[Path], settings: SiteSettings, site: SiteData,
                   values: dict[str, Any]) -> list[Problem]:
    from ..extension.directives import directive_classes

    classes = directive_classes()
    problems: list[Problem] = []
    listed: set[str] = set()
    references: list[RoleUse] = []
    for page in page_files:
        text = page.read_text("utf-8", errors="replace")
        uses, roles = scan_page(page, text, classes, ("pub",),
                                values["myst_enable_extensions"] or ())
        for use in uses:
            problems += _directive_problems(use, settings, site, values, listed)
        for role in roles:
            key = split_explicit_title(role.text)[2].strip()
            if key in site.publications:
                references.append(RoleUse(role.name, key, role.page, role.line))
            else:
                problems.append(Problem(f"unknown publication key {key!r} in {{pub}}; check the "
                                        "citation key in refs.bib", _at(role), "ref"))
    for role in references:
        if role.text not in listed:
            problems.append(Problem(f"publication {role.text!r} is referenced but listed on no "
                                    "page, so the reference is not a link; add it to a "
                                    "publications list", _at(role), "ref"))
    return problems


def _at(use: DirectiveUse | RoleUse) -> Location:
    return Location(str(use.page), use.line)


def _directive_problems(use: DirectiveUse, settings: SiteSettings, site: SiteData,
                        values: dict[str, Any], listed: set[str]) -> list[Problem]:
    """What a build's directive would report for this use."""
    messages: list[Problem] = []
    if use.name in ("publications", "publication-stats"):
        query, messages = read_query(use.options, values["portfolio_sort_within"])
        messages += unknown_keys(query, site.publications)
        if use.name == "publications":
            messages += read_look(use.options)[1]
            listed.update(pub.key for pub in select(site.publications.values(), query))
        else:
            messages += read_stats_grouping(use.options)[1]
    elif use.name in RECORD_FILES:
        path, problem = record_file(settings, use.name, use.argument, use.page)
        if problem is not None:
            return [dataclasses.replace(problem, location=_at(use))]
        if path is None or not path.exists():
            return []
        if use.name == "teaching":
            return load_courses(path)[1]
        if use.name == "service":
            return load_service(path)[1]
        return load_cv_entries(path, use.name)[1]
    elif use.name == "cv-header" and site.profile is None:
        messages.append(Problem(NO_PROFILE, _at(use), "cv"))
    elif use.name == "cv-header":
        refused = pdf_refusal(values["portfolio_cv_pdf"], settings.root)
        if refused:
            messages.append(Problem(cv_pdf_message(values["portfolio_cv_pdf"], refused[0]),
                                    _at(use), refused[1]))
    return [dataclasses.replace(p, location=_at(use)) for p in messages]


def _publications_page(values: dict[str, Any], pages: Path, page_files: list[Path],
                       conf_py: Path) -> list[Problem]:
    names = [path.relative_to(pages).with_suffix("").as_posix() for path in page_files]
    problem = publications_page_problem(values["portfolio_publications_page"], names, conf_py)
    return [problem] if problem else []


def format_problem(problem: Problem) -> str:
    """One line as the build writes it: ``path:line: WARNING: message [portfolio.subtype]``."""
    where = problem.location
    return (f"{where.path}:{where.line or ''}: WARNING: {problem.message} "
            f"[portfolio.{problem.subtype}]")
