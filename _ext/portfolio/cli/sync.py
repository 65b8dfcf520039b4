"""``portfolio add`` and ``portfolio sync dblp | orcid | citations``: the command-line front
of :mod:`portfolio.sync`. Reads the site's settings, runs the plan, then shows the diff
(``--dry-run``) or writes every changed file at once.

Exit codes: 0 done (also when nothing was new), 1 a service failed or said no and nothing was
written, 2 a usage error (an identifier that is none, no site).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from ..sync.files import unified_diff, write_all
from ..sync.http import Client
from ..sync.ids import dblp_pid, orcid_id, parse_identifier
from ..sync.plan import Outcome, Site, add, sync_citations, sync_dblp, sync_orcid
from ..sync.settings import from_environment
from ..sync.values import without_dblp_number
from ..text.latex import latex_to_text
from . import OK, UsageError

#: Where ``sync citations`` writes when conf.py names no file (relative to the pages folder).
CITATIONS_FILE = "_data/citations.yaml"


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """The ``add`` and ``sync`` subcommands, on the ``portfolio`` parser's *commands*."""
    adding = commands.add_parser(
        "add", help="add publications to refs.bib from a DOI, arXiv id or DBLP record",
        description="Fetch each publication and append it to refs.bib in the site's style "
                    "(key like zhang2024caravan, names in BibTeX form, DOI, arXiv and PDF "
                    "links). A paper refs.bib already has is left alone. An arXiv preprint "
                    "that names its published DOI is added as the published version, with "
                    "the arXiv link kept.")
    adding.add_argument("ids", nargs="+", metavar="ID",
                        help="doi:10.1145/..., a bare DOI or https://doi.org/... address, "
                             "arxiv:2506.14852, a bare arXiv id or its address, "
                             "https://dblp.org/rec/... or DBLP:conf/...")
    _common(adding)
    adding.set_defaults(run=_add)

    syncing = commands.add_parser(
        "sync", help="add every new publication of a DBLP or ORCID profile; citation counts",
        description="Bring refs.bib up to date with a profile, or fetch citation counts. Safe "
                    "to run every week: entries already in refs.bib (by DOI, arXiv id, DBLP "
                    "key or title) and the publications YAML are never changed; only new "
                    "works are appended, and a second run right after adds nothing.")
    sources = syncing.add_subparsers(dest="source", required=True, metavar="SOURCE")
    person = sources.add_parser(
        "dblp", help="every work of a DBLP person",
        description="Add the works DBLP lists for a person that refs.bib lacks; an arXiv "
                    "preprint and its venue version become one entry (the venue version, "
                    "with the arXiv link).")
    person.add_argument("person", metavar="PID", help="DBLP person id (64/3960-1), the "
                        "person's dblp.org/pid/... address, or a name to look up")
    orcid = sources.add_parser(
        "orcid", help="every work of an ORCID record",
        description="Add the works of a public ORCID record that refs.bib lacks, each fetched "
                    "in full from its DOI, arXiv id or ORCID record.")
    orcid.add_argument("person", metavar="ORCID", help="ORCID iD (0000-0002-1825-0097) or "
                       "its orcid.org address")
    counts = sources.add_parser(
        "citations", help="citation counts from OpenAlex, for the citation badge",
        description="Fetch from OpenAlex how often each entry with a DOI (or arXiv id) is "
                    "cited and store the counts, with the day, in the file portfolio_citations "
                    f"names (default: {CITATIONS_FILE} in the pages folder). The site shows "
                    "them when portfolio_citations is set; the build never goes online.")
    for sub in (person, orcid, counts):
        _common(sub)
        sub.set_defaults(run=_sync)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR",
                        help="site folder holding conf.py (default: the current folder)")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would change as a diff; write nothing")
    network = parser.add_argument_group(
        "network", "Service addresses are set by PORTFOLIO_DBLP_URL, PORTFOLIO_ORCID_URL, "
                   "PORTFOLIO_DOI_URL, PORTFOLIO_ARXIV_URL and PORTFOLIO_OPENALEX_URL; each "
                   "option below also has a PORTFOLIO_<OPTION> variable.")
    network.add_argument("--timeout", type=float, metavar="SECONDS",
                         help="give up on a service that does not answer (default: 20)")
    network.add_argument("--retries", type=int, metavar="N",
                         help="retries on 429 and 5xx answers, with backoff (default: 4)")
    network.add_argument("--cache", type=Path, metavar="DIR",
                         help="HTTP cache folder (default: _build/portfolio-sync-cache in the "
                              "site); answers are reused for a day")
    network.add_argument("--no-cache", action="store_true", help="ask the services again")
    network.add_argument("--mailto", metavar="EMAIL",
                         help="your address, sent to OpenAlex and in the user agent, as the "
                              "services ask of regular users")


def _add(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    identifiers = []
    for text in args.ids:
        identifier = parse_identifier(text)
        if identifier is None:
            raise UsageError(f"{text!r} is not a DOI, an arXiv id or a DBLP record; write e.g. "
                         "doi:10.1145/3651890.3672274, arxiv:2506.14852 or "
                         "https://dblp.org/rec/conf/...")
        identifiers.append(identifier)
    site, root = _site(args)
    return _finish(args, root, out, lambda client: add(client, site, identifiers))


def _sync(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    site, root = _site(args)
    if args.source == "citations":
        return _finish(args, root, out, lambda client: sync_citations(client, site))
    if args.source == "orcid":
        person = orcid_id(args.person)
        if not person:
            raise UsageError(f"{args.person!r} is not an ORCID iD (four groups of four digits, "
                         "the last may be X, with a valid check digit)")
        return _finish(args, root, out, lambda client: sync_orcid(client, site, person))
    return _finish(args, root, out, lambda client: sync_dblp(client, site,
                                                             _dblp_person(client, args.person)))


def _dblp_person(client: Client, text: str) -> str:
    """The PID in *text*, or the one person DBLP's author search finds for a name."""
    pid = dblp_pid(text)
    if pid:
        return pid
    from ..sync.dblp import find_person

    found = find_person(client, text)
    # DBLP tells namesakes apart by a number ("Wei Wang 0001"): those are different people.
    exact = [hit for hit in found if without_dblp_number(hit[0]).casefold() == text.casefold()]
    if len(found) == 1 or len(exact) == 1:
        return (exact or found)[0][1]
    if not found:
        raise UsageError(f"DBLP finds no person named {text!r}; give your PID (the part after "
                     "/pid/ in your DBLP page's address)")
    names = "; ".join(f"{name} ({pid})" for name, pid in found[:10])
    raise UsageError(f"DBLP finds {len(found)} persons named {text!r}: {names}. Give the PID of "
                 "the right one")


def _site(args: argparse.Namespace) -> tuple[Site, Path]:
    """Where refs.bib, the overlay and the counts file are, as a build would find them."""
    from ..data.site import site_settings
    from ..options import DEFAULTS, check_values
    from .check import read_conf

    root: Path = args.site
    if not (root / "conf.py").is_file():
        raise UsageError(f"no conf.py in {root}; give the site folder with --site")
    conf = read_conf(root)
    values, _ = check_values(conf, root / "conf.py")  # wrong values: their defaults, as a build
    if not values.get("bibtex_bibfiles"):
        raise UsageError("conf.py sets no bibtex_bibfiles; add bibtex_bibfiles = ['refs.bib']")
    if not values["portfolio_citations"]:
        values["portfolio_citations"] = CITATIONS_FILE
    values["bibtex_encoding"] = conf.get("bibtex_encoding")
    pages = root / "docs" if (root / "docs").is_dir() else root
    settings, problems = site_settings(values, DEFAULTS, root, pages)
    if problems:
        raise UsageError(problems[0].message)
    files = settings.files
    # refs.bib as conf.py names it, so messages show the path the user knows.
    bib = root / values["bibtex_bibfiles"][0]
    return Site(bib, files["overlay"].path, files["citations"].path, settings.encoding), root


def _finish(args: argparse.Namespace, root: Path, out: TextIO,
            plan: Callable[[Client], Outcome]) -> int:
    try:
        settings = from_environment(timeout=args.timeout, retries=args.retries,
                                    mailto=args.mailto)
    except ValueError as exc:
        raise UsageError(f"a PORTFOLIO_* variable has a wrong value: {exc}") from None
    if args.no_cache:
        settings = replace(settings, cache=None)
    elif args.cache is not None or settings.cache is None:
        settings = replace(settings, cache=args.cache or root / "_build" / "portfolio-sync-cache")
    client = Client(settings)
    try:
        outcome = plan(client)
    finally:
        client.close()
    _report(args, outcome, out)
    changes = outcome.changes
    if args.dry_run:
        for change in changes:
            out.write(unified_diff(change, root))
        out.write("Dry run: nothing was written.\n" if changes else "Nothing to change.\n")
    elif changes:
        write_all(changes)
    return OK


def _report(args: argparse.Namespace, outcome: Outcome, out: TextIO) -> None:
    if args.command == "add":
        out.write(f"{len(outcome.added)} new, {outcome.known} already in refs.bib.\n")
    elif args.source == "citations":
        out.write(f"{outcome.listed} entries with a DOI or arXiv id; OpenAlex counted "
                  f"{outcome.known}.\n")
    else:
        service = "DBLP" if args.source == "dblp" else "ORCID"
        plural = "s" * (outcome.folded != 1)
        folded = (f" (plus {outcome.folded} preprint{plural} of them, kept as the arXiv link "
                  f"of the venue version{plural})" if outcome.folded else "")
        out.write(f"{service} lists {outcome.listed} works{folded}: {outcome.known} already in "
                  f"refs.bib, {len(outcome.added)} new.\n")
    verb = "Would add" if args.dry_run else "Added"
    if outcome.added:
        out.write(f"{verb} to refs.bib:\n")
        for entry, work in outcome.added:
            venue = latex_to_text(next(iter(work.details.values()), ""))
            where = ", ".join(filter(None, (venue, "" if work.year in venue else work.year)))
            out.write(f"  {entry.key}: {latex_to_text(work.title)} ({where})\n")
    if outcome.notices:
        out.write(f"Needs a look ({len(outcome.notices)}):\n")
        out.writelines(f"  {line}\n" for line in outcome.notices)
