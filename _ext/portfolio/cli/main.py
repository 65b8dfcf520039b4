"""``portfolio new | serve | import | check | add | sync``: argparse front end; exit 0 clean,
1 data errors (or a service that failed), 2 usage.

Every subcommand has ``--help``. Messages go to stderr, results (the import summary, the
problems found) to stdout, so the output can be piped or kept.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..importers import GUESSED, ImportedSite
from ..model import Problem
from ..sync import SourceError
from ..sync.plan import SiteError
from . import FAILED, OK, USAGE, UsageError
from .check import check_site, format_problem, read_conf
from .install import detect
from .progress import Progress
from .scaffold import PLACEHOLDER_NAME, BadName, clean_name, site_files
from .sync import add_parsers as add_sync_parsers
from .write import Conflict, write_site


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portfolio",
        description="Start, import, check and update an academic portfolio site (Sphinx).",
        epilog="Exit codes: 0 success, 1 data errors (check) or a service that failed (add, "
               "sync; nothing is written then), 2 usage errors.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    install = detect()
    new = commands.add_parser(
        "new", help="create a new site with placeholder data",
        description="Create a new site in DIR (conf.py, refs.bib, docs/, docs/_data/, a GitHub "
                    "Pages workflow, a Read the Docs config) with clearly marked placeholders; "
                    "it builds with no warnings.",
        epilog="The new site installs this extension the way this copy of it was installed, "
               "so that it builds on any machine: from a package index, its requirements.txt "
               "pins the version; from a VCS or web URL, it names that URL (and commit); from "
               "a local checkout or file, the extension is copied into the site's _ext/ and "
               f"installed from there. Here: {install.summary}.")
    new.add_argument("dir", type=Path, metavar="DIR", help="folder to create (must be empty "
                     "or not exist)")
    new.add_argument("--name", default=PLACEHOLDER_NAME,
                     help=f"your name as in author lists (default: {PLACEHOLDER_NAME!r})")
    new.set_defaults(run=_new)

    serve = commands.add_parser(
        "serve", help="build the site, serve it and rebuild it on every change",
        description="Build the site into DIR/_build/html and serve it on 127.0.0.1; when a "
                    "page, refs.bib, a data file or conf.py changes, rebuild it and reload the "
                    "browser (sphinx-autobuild). Ctrl-C stops it.")
    _site_folder(serve)
    serve.add_argument("--port", type=int, default=8000,
                       help="port on 127.0.0.1 (default: 8000; 0: any free port)")
    serve.set_defaults(run=_serve)

    imports = commands.add_parser(
        "import", help="import an existing Jekyll site (academicpages, al-folio)",
        description="Read an existing site and write refs.bib, docs/_data/*.yaml and MyST "
                    "pages into a site folder; a summary lists what was imported and every "
                    "line that needs a look or could not be mapped.")
    kinds = imports.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind, what in (("academicpages", "an academicpages site folder, or one about.md"),
                       ("al-folio", "an al-folio site folder")):
        sub = kinds.add_parser(kind, help=f"import {what}",
                               description=f"Import {what} into a site folder (created with "
                                           "'portfolio new' first when it has no conf.py).")
        sub.add_argument("source", type=Path, metavar="PATH", help=f"{what}")
        sub.add_argument("--into", type=Path, default=Path("."), metavar="DIR",
                         help="site folder to write into (default: the current folder)")
        sub.add_argument("--force", action="store_true",
                         help="replace files that hold your own content (default: only "
                              "placeholders of a new site are replaced)")
        sub.set_defaults(run=_import, kind=kind)

    check = commands.add_parser(
        "check", help="validate the data files without building",
        description="Validate refs.bib, the publications overlay, profile, teaching and "
                    "service files as a build would, with the same messages; exit 1 on any "
                    "problem. Usable as a pre-commit hook.")
    _site_folder(check)
    check.add_argument("--pages", type=Path, metavar="FOLDER",
                       help="pages folder (default: DIR/docs when it exists, else DIR)")
    check.set_defaults(run=_check)
    add_sync_parsers(commands)
    return parser


def _site_folder(command: argparse.ArgumentParser) -> None:
    command.add_argument("dir", type=Path, nargs="?", default=Path("."), metavar="DIR",
                         help="site folder holding conf.py (default: the current folder)")


def _site_root(args: argparse.Namespace) -> Path:
    root: Path = args.dir
    if not (root / "conf.py").is_file():
        raise UsageError(f"no conf.py in {root}; give the site folder (the one holding conf.py)")
    return root


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args = _parser().parse_args(argv)
    command = f"sync {args.source}" if args.command == "sync" else args.command
    try:
        return args.run(args, out, err)
    except (UsageError, SiteError) as exc:
        err.write(f"portfolio {command}: error: {exc}\n")
        return USAGE
    except SourceError as exc:
        err.write(f"portfolio {command}: error: {exc}\n")
        return FAILED
    except BrokenPipeError:  # output piped into a reader that stopped (``| head``)
        return OK


def _new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    root: Path = args.dir
    try:
        name = clean_name(args.name)
    except BadName as exc:
        raise UsageError(f"--name {args.name!r}: {exc}") from None
    install = detect()
    files = site_files(name, install)
    try:
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise UsageError(f"{root} exists and is not an empty folder; choose a new one")
        created = not root.exists()
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {root}: {exc.strerror or exc}") from None
    try:
        for path, text in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
    except OSError as exc:
        _remove_contents(root, created)
        raise UsageError(f"cannot write the new site into {root}: {exc.strerror or exc}") from None
    out.write(f"Created a new site in {root}; {install.summary}.\n"
              f"Replace the placeholders in refs.bib and docs/_data/*.yaml, then, in {root}:\n"
              f"  python3 -m venv .venv && .venv/bin/pip install -r requirements.txt\n"
              f"  .venv/bin/portfolio serve      # preview at http://127.0.0.1:8000/\n")
    return OK


def _remove_contents(root: Path, created: bool) -> None:
    """Leave nothing half made behind: *root* was created, or was empty, before the write."""
    if created:
        shutil.rmtree(root, ignore_errors=True)
        return
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .serve import serve

    root = _site_root(args)
    if not 0 <= args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port number (0 to 65535)")
    return serve(root, args.port, out)


def _importer(kind: str) -> Callable[[Path, Progress], ImportedSite]:
    """The importer for *kind*, imported only when asked for."""
    if kind == "academicpages":
        from ..importers.academicpages import import_academicpages
        return import_academicpages
    from ..importers.alfolio import import_alfolio
    return import_alfolio


def _import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    source: Path = args.source
    if not source.exists():
        raise UsageError(f"{source} does not exist")
    if args.kind == "al-folio" and not source.is_dir():
        raise UsageError(f"{source} is not a folder; give the al-folio site's folder")
    if args.into.exists() and not args.into.is_dir():
        raise UsageError(f"{args.into} is not a folder")
    site = _importer(args.kind)(source, Progress(err))
    if site.empty():
        expected = {"academicpages": "_config.yml, _pages/about.md or the collections",
                    "al-folio": "_config.yml, _bibliography/papers.bib or _pages/"}[args.kind]
        raise UsageError(f"nothing to import was found in {source} (an {args.kind} site has "
                         f"{expected})")
    try:
        written, removed = write_site(site, args.into, force=args.force)
    except Conflict as exc:
        raise UsageError(f"these files in {args.into} hold content of their own and were not "
                         f"replaced: {exc}; use --force to replace them") from None
    after = check_site(args.into).problems
    _summary(site, args.into, written, removed, after, out)
    return OK


def _summary(site: ImportedSite, root: Path, written: list[str], removed: list[str],
             after: list, out: TextIO) -> None:
    counts = ", ".join(f"{n} {what}{'s' if n != 1 else ''}"
                       for what, n in site.counts.items() if n) or "nothing"
    out.write(f"Imported into {root}: {counts}.\n")
    out.write(f"Wrote {', '.join(written)}.\n")
    if removed:
        out.write(f"Removed placeholders {', '.join(removed)}.\n")
    look = [p for p in site.notices if p.subtype == GUESSED]
    skipped = [p for p in site.notices if p.subtype != GUESSED]
    if site.owner_unmatched:  # "Needs a look" says it already
        after = [p for p in after if p.subtype != "owner"]
    for title, problems, line in (("Needs a look", look, _notice), ("Not imported", skipped, _notice),
                                  ("The check of the written site found", after, format_problem)):
        if problems:
            out.write(f"\n{title} ({len(problems)}):\n")
            for group in _kinds(problems):
                others = [str(p.location) for p in group[1:]]
                more = ""
                if others:
                    shown = ", ".join(others[:_PLACES])
                    rest = f" and {len(others) - _PLACES} more" if len(others) > _PLACES else ""
                    more = f"\n      (and {len(others)} more like it: {shown}{rest})"
                out.write(f"  {line(group[0])}{more}\n")
    if not (look or skipped or after):
        out.write("Everything was imported; nothing needs a look.\n")


#: Places listed after the first of a kind of notice; the rest are counted.
_PLACES = 3
_SPECIFICS = re.compile(r"'[^']*'|\"[^\"]*\"|\[[^\]]*\]|\d+")


def _kinds(problems: list[Problem]) -> list[list[Problem]]:
    """The problems grouped by kind (the message without its quoted words and numbers),
    in the order each kind first appears: the summary shows one line per kind."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(_SPECIFICS.sub("…", problem.message), []).append(problem)
    return list(groups.values())


def _notice(problem: Problem) -> str:
    return f"{problem.location}: {problem.message}"


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    root = _site_root(args)
    if args.pages is not None and not args.pages.is_dir():
        raise UsageError(f"pages folder {args.pages} does not exist")
    result = check_site(root, args.pages, read_conf(root))
    for problem in result.problems:
        out.write(format_problem(problem) + "\n")
    n = len(result.problems)
    err.write(f"{len(result.files)} files checked: "
              f"{'no problems' if not n else f'{n} problem' + ('s' if n > 1 else '')}.\n")
    return FAILED if result.problems else OK
