"""Load the site-wide data when a build starts: ``refs.bib``, its overlay and the profile.

The BibTeX files are parsed here, robustly (see :mod:`portfolio.data.bibfile`), and the result
is handed to sphinxcontrib-bibtex as its cached database, so ``{cite}`` and ``bibliography``
use the same entries and never meet a file they cannot parse. Nothing is parsed again while the
files are unchanged: the fingerprint (path, size, modification time) is kept in domain data.
When they change, only the entries that changed are parsed and decoded again: the parsed pieces
and the records of the last load are kept in domain data too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime
from sphinxcontrib.bibtex.domain import BibtexDomain

from ..data.bibfile import BibParse, parse_bibfiles
from ..data.fields import LINK_FIELDS
from ..data.publications import Reuse, build_publications
from ..data.records import load_coauthors, load_profile, load_venues
from ..data.yamlfile import load_yaml
from ..model import Location, Problem
from ..render.publications import Style, owner_found
from ..text.names import parse_name
from .config import author_notes, default
from .domain import PortfolioDomain
from .outdated import note_reload, publication_digests, setup_dependencies

logger = logging.getLogger(__name__)


def report(problems: list[Problem]) -> None:
    """Log data problems as located, suppressible warnings (``portfolio.<subtype>``)."""
    for problem in problems:
        # "path:line", or "path:" as Sphinx writes a file without a line; a bare string
        # would be taken for a document name.
        where = problem.location
        logger.warning(problem.message, location=f"{where.path}:{where.line or ''}",
                       type="portfolio", subtype=problem.subtype)


def data_path(srcdir: Path, root: Path, value: str) -> Path | None:
    """Resolve a data-file setting against the pages folder; refuse paths outside the project
    (the folder of ``conf.py`` and the pages folder)."""
    if not value:
        return None
    path = (Path(srcdir) / value).resolve()
    if not (path.is_relative_to(root) or path.is_relative_to(Path(srcdir).resolve())):
        report([Problem(f"data file {value!r} is outside the project ({root}) and is not read; "
                        "keep data files inside the project", Location(value), "path")])
        return None
    return path


def bib_paths(app: Sphinx) -> list[Path]:
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or ()]




def file_fingerprint(paths: list[Path | None]) -> tuple[Any, ...]:
    result = []
    for path in paths:
        if path is None:
            continue
        try:
            stat = path.stat()
            result.append((str(path), stat.st_size, stat.st_mtime_ns))
        except OSError:
            result.append((str(path), None, None))
    return tuple(result)


def load_site_data(app: Sphinx) -> None:
    """``builder-inited``: (re)load what changed since the environment was saved (with cycle
    collection off: what is loaded lives until the build ends, see :mod:`portfolio.collector`)."""
    env = app.env
    domain = cast(PortfolioDomain, env.get_domain("portfolio"))
    root = Path(app.confdir).resolve()
    bibfiles = bib_paths(app)
    overlay = data_path(app.srcdir, root, app.config.portfolio_bib_overlay)
    profile = data_path(app.srcdir, root, app.config.portfolio_profile)
    venues = data_path(app.srcdir, root, app.config.portfolio_venues)
    coauthors = data_path(app.srcdir, root, app.config.portfolio_coauthors)
    domain.data["root"] = str(root)
    fingerprint = file_fingerprint([*bibfiles, overlay, profile, venues, coauthors])
    old = domain.data["fingerprint"]
    if old == fingerprint and _cite_cache_ok(env, bibfiles):
        return
    problems: list[Problem] = []
    profile_record = None
    if profile is not None:
        profile_record, found = load_profile(profile)
        problems += found
    parsed = parse_bibfiles(bibfiles, app.config.bibtex_encoding, domain.data.get("pieces"))
    domain.data["pieces"] = parsed.parsed
    problems += parsed.problems
    overlay_data = load_yaml(overlay) if _wanted(app.config, "portfolio_bib_overlay",
                                                 overlay) else None
    domain.data["venues"], domain.data["coauthors"] = {}, {}
    for name, path, loader in (("venues", venues, load_venues),
                               ("coauthors", coauthors, load_coauthors)):
        if _wanted(app.config, f"portfolio_{name}", path):
            domain.data[name], found = loader(path)
            problems += found
    labels = {name: spec.label for name, spec in LINK_FIELDS.items()}
    labels |= app.config.portfolio_link_labels
    reuse = Reuse(parsed.digests, domain.data.get("records") or {})
    records, found = build_publications(parsed.data, parsed.locations, overlay_data, labels,
                                        reuse)
    problems += found
    domain.data["publications"] = {record.key: record for record in records}
    domain.data["records"] = reuse.kept
    # A record is made from what its stamp digests: the stamp serves as the record's digest.
    stamps = {record.key: stamp for stamp, record in reuse.kept.items()}
    # Venue badges and co-author links show in every entry: a change there changes them all.
    note_reload(domain, publication_digests(records, stamps),
                shared=repr((domain.data["venues"], domain.data["coauthors"])))
    # The profile is on every page (sidebar): when it changes, every page is read again.
    domain.data["reread_all"] = old is not None and domain.data["profile"] != profile_record
    domain.data["profile"] = profile_record
    domain.data["fingerprint"] = fingerprint
    _hand_to_sphinxcontrib_bibtex(env, bibfiles, app.config.bibtex_encoding, parsed)
    report(problems)
    variants = owner_variants(app.config, domain)
    if records and variants and not owner_found(records, variants):
        names = ", ".join(repr(" ".join(g + s)) for g, s in variants)
        logger.warning(f"the site owner's name ({names}) matches no author in the BibTeX file, so "
                       "nothing is highlighted; set portfolio_owner in conf.py to the spelling "
                       "used in author lists", type="portfolio", subtype="owner")


def _wanted(config: Config, option: str, path: Path | None) -> bool:
    """An optional data file is read when it exists or when its setting names it."""
    return path is not None and (path.exists() or getattr(config, option) != default(option))


def _cite_cache_ok(env: BuildEnvironment, bibfiles: list[Path]) -> bool:
    cite = cast(BibtexDomain, env.get_domain("cite"))
    return list(cite.bibdata.bibfiles) == bibfiles and all(
        info.mtime == get_mtime(path) for path, info in cite.bibdata.bibfiles.items())


def _hand_to_sphinxcontrib_bibtex(env: BuildEnvironment, bibfiles: list[Path], encoding: str,
                                  parsed: BibParse) -> None:
    """Store our parse as sphinxcontrib-bibtex's up-to-date cache, so it never re-parses."""
    cite = cast(BibtexDomain, env.get_domain("cite"))
    keys: dict[Path, dict[str, None]] = {path: {} for path in bibfiles}
    for key, location in parsed.locations.items():
        keys.setdefault(Path(location.path), {})[key] = None
    cite.data["bibdata"] = BibData(
        encoding=encoding,
        bibfiles={path: BibFile(mtime=get_mtime(path), keys=keys[path]) for path in bibfiles},
        data=parsed.data,
    )


def owner_variants(config: Config, domain: PortfolioDomain):
    names = list(config.portfolio_owner)
    if not names and domain.profile is not None:
        names = [domain.profile.name, *domain.profile.name_variants]
    return [parse_name(name) for name in names]


def publication_style(env: BuildEnvironment) -> Style:
    domain = cast(PortfolioDomain, env.get_domain("portfolio"))
    config = env.config
    return Style(
        owner=owner_variants(config, domain),
        author_notes=author_notes(config),
        max_authors=config.portfolio_max_authors,
        coauthors=tuple((parse_name(name), url)
                        for name, url in domain.data.get("coauthors", {}).items()),
        venues=domain.data.get("venues", {}),
        toggles=frozenset(config.portfolio_toggles),
        bib_files=config.portfolio_bib_files,
        paper_pages=bool(config.portfolio_paper_pages),
    )


def setup_site_data(app: Sphinx) -> None:
    # Before sphinxcontrib-bibtex's own handler (priority 500), which then finds its cache fresh.
    app.connect("builder-inited", load_site_data, priority=400)
    setup_dependencies(app)
