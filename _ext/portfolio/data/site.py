"""The site's data in one load, for the build and for ``portfolio check`` alike.

:func:`load_site` reads the BibTeX files, the overlay, venues, co-authors, profile and news,
builds the publication records, checks every local file the data names (inside the project, a
regular file that exists) and whether the owner's name matches an author. The Sphinx glue and
the command line both call it, so they report the same problems with the same words.

A load keeps what the next one can reuse: the parsed BibTeX pieces and the records, by digest,
and what the files looked like (:attr:`SiteData.sources`, and the digests of their bytes in
:attr:`SiteData.contents`): when neither the files nor the settings changed, or files were only
touched, the previous data is returned as it is.
"""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pybtex.database import BibliographyData

from ..model import CitationCount, Location, NewsItem, Problem, Profile, Publication, Venue
from ..text.names import Name, is_owner, parse_name
from .bibfile import parse_bibfiles
from .citations import load_citations
from .digest import digest
from .fields import LINK_FIELDS
from .files import NotAFileError, read_bytes
from .packed import Packed
from .publications import Reuse, build_publications
from .records import load_coauthors, load_news, load_profile, load_venues
from .yamlfile import load_yaml

#: The optional data files of the whole site, by name, and their settings.
SITE_FILES = {"overlay": "portfolio_bib_overlay", "profile": "portfolio_profile",
              "venues": "portfolio_venues", "coauthors": "portfolio_coauthors",
              "news": "portfolio_news", "citations": "portfolio_citations"}
#: The files of the directives that list records, by directive; each has the setting
#: ``portfolio_<directive>``.
RECORD_FILES = ("teaching", "service", "education", "positions", "talks", "awards")
#: Directives whose default file must exist when they are used (a CV without talks is fine).
REQUIRED_RECORD_FILES = frozenset({"teaching", "service"})


@dataclass(frozen=True)
class DataFile:
    """A data file named by a setting: where it is (``None`` when the setting is empty or the
    path was refused) and whether it must exist (the setting was changed from its default)."""

    setting: str
    path: Path | None
    required: bool

    def readable(self, conf_py: Path) -> tuple[bool, list[Problem]]:
        """Whether to read it: it exists, or its setting names it (then a missing file or one
        that is not a regular file is a problem, located at the setting in *conf_py*)."""
        if self.path is None or not (self.required or self.path.exists()):
            return False, []
        unreadable = _unreadable(self.path)
        if unreadable is None:
            return True, []
        subtype, what = unreadable
        return False, [Problem(f"{self.setting} names {self.path}, which {what}; name an "
                               "ordinary file (or create it)", Location(str(conf_py)), subtype)]


@dataclass(frozen=True)
class SiteSettings:
    """What the load needs to know from ``conf.py``, resolved."""

    root: Path  #: the project: the folder of conf.py
    pages: Path  #: the pages folder (Sphinx's source folder)
    conf_py: Path  #: where settings problems are located
    bibfiles: tuple[Path, ...] = ()
    encoding: str = "utf-8-sig"
    files: Mapping[str, DataFile] = field(default_factory=dict)
    record_files: Mapping[str, DataFile] = field(default_factory=dict)  #: their defaults
    link_labels: Mapping[str, str] = field(default_factory=dict)
    owner: tuple[str, ...] = ()  #: ``portfolio_owner``: empty means the profile's names


@dataclass
class SiteData(Packed):
    """Everything the site shows that is not a page, and what the next load can reuse. The
    records and parsed pieces are saved packed: a build in which no data file changed never
    unpacks them."""

    packed_attributes = ("publications", "pieces", "records")

    publications: dict[str, Publication] = field(default_factory=dict)
    bib: BibliographyData = field(default_factory=BibliographyData)
    #: Citation keys of each BibTeX file, in file order (sphinxcontrib-bibtex wants them).
    bib_keys: dict[Path, list[str]] = field(default_factory=dict)
    profile: Profile | None = None
    venues: dict[str, Venue] = field(default_factory=dict)
    coauthors: dict[str, str] = field(default_factory=dict)
    citations: dict[str, CitationCount] = field(default_factory=dict)  #: by citation key
    news: list[NewsItem] = field(default_factory=list)
    news_file: Path | None = None  #: the news file, when the site has one (or must)
    owner: tuple[Name, ...] = ()  #: the owner's names, parsed for matching
    #: A digest of everything a page can show of each entry; an edit changes only its own.
    digests: dict[str, str] = field(default_factory=dict)
    #: What the data was read from: each file's path, size and modification time.
    sources: tuple[Any, ...] = ()
    #: Each data file's path and a digest of its bytes, taken before it was read; empty when
    #: a file changed while the load read it (the digest may not be of what was read).
    contents: tuple[tuple[str, str | None], ...] = ()
    #: A digest of the settings the data was loaded with (conf.py's values).
    made_with: str = ""
    local_files: tuple[Path, ...] = ()  #: files of the site the data names (PDFs, images)
    pieces: dict[str, Any] = field(default_factory=dict)  #: parsed BibTeX pieces, by digest
    records: dict[str, Publication] = field(default_factory=dict)  #: records, by stamp


def confined(path: Path, root: Path, pages: Path) -> Path | None:
    """*path* resolved (symbolic links followed) when it is inside the project, else ``None``."""
    resolved = path.resolve()
    for folder in (root, pages):
        if resolved.is_relative_to(folder.resolve()):
            return resolved
    return None


def site_settings(values: Mapping[str, Any], defaults: Mapping[str, Any], root: Path,
                  pages: Path) -> tuple[SiteSettings, list[Problem]]:
    """The load's settings from the option *values* (checked: see :mod:`portfolio.options`)
    and sphinxcontrib-bibtex's ``bibtex_bibfiles`` and ``bibtex_encoding``."""
    root, pages = root.resolve(), pages.resolve()
    conf_py = root / "conf.py"
    problems = []

    def data_file(setting: str, required: bool = False) -> DataFile:
        value = values[setting]
        path = None
        if value:
            path = confined(pages / value, root, pages)
            if path is None:
                problems.append(Problem(
                    f"data file {value!r} is outside the project ({root}) and is not read; keep "
                    f"data files inside the project and set {setting} to one of them",
                    Location(str(conf_py)), "path"))
        return DataFile(setting, path, required or value != defaults[setting])

    files = {name: data_file(setting) for name, setting in SITE_FILES.items()}
    record_files = {kind: data_file(f"portfolio_{kind}", kind in REQUIRED_RECORD_FILES)
                    for kind in RECORD_FILES}
    labels = {name: spec.label for name, spec in LINK_FIELDS.items()}
    encoding = values.get("bibtex_encoding") or "utf-8-sig"
    try:
        codecs.lookup(encoding)
    except (LookupError, TypeError):
        problems.append(Problem(
            f"config value bibtex_encoding = {encoding!r} names no encoding; the BibTeX files "
            "are read as UTF-8: set it to one such as 'utf-8' or 'latin-1'",
            Location(str(conf_py)), "config"))
        encoding = "utf-8-sig"
    settings = SiteSettings(
        root=root, pages=pages, conf_py=conf_py,
        bibfiles=tuple((root / name).resolve() for name in values.get("bibtex_bibfiles") or ()),
        encoding=encoding,
        files=files,
        record_files=record_files,
        link_labels=labels | dict(values["portfolio_link_labels"]),
        owner=tuple(values["portfolio_owner"]))
    return settings, problems


def record_file(settings: SiteSettings, kind: str, argument: str, page: Path
                ) -> tuple[Path | None, Problem | None]:
    """The file a records directive (teaching, service, the CV's) reads: its argument, relative
    to the *page* (or to the pages folder when it starts with "/"), or the setting's file; and
    the problem of reading it, located by the caller (none when a missing file just means
    nothing to list: a file may be missing then)."""
    if argument:
        base = settings.pages if argument.startswith("/") else page.parent
        path = confined(base / argument.lstrip("/"), settings.root, settings.pages)
        if path is None:
            return None, Problem(f"data file {argument!r} is outside the project "
                                 f"({settings.root}) and is not read; keep data files inside "
                                 "the project", Location(""), "path")
        required, named = True, f"the file {argument!r}"
    else:
        default = settings.record_files[kind]
        path, required, named = default.path, default.required, f"{default.setting}'s file"
        if path is None:
            return None, None
    if not required and not path.exists():
        return path, None
    unreadable = _unreadable(path)
    if unreadable is None:
        return path, None
    subtype, what = unreadable
    close = difflib.get_close_matches(path.name, _names_beside(path), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close and subtype == "missing_file" else ""
    return path, Problem(f"{named} {what} ({path}){hint}; name an ordinary file or create it",
                         Location(""), subtype)


def _unreadable(path: Path) -> tuple[str, str] | None:
    """Why the file *path* cannot be read: the problem's subtype and what it is; ``None``
    when it is an ordinary file (a link to one is followed) that can be read."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "missing_file", "does not exist"
    if not stat.S_ISREG(mode):
        return "not_a_file", f"is {NotAFileError(path, mode).kind}, not an ordinary file"
    if not os.access(path, os.R_OK):
        return "missing_file", "cannot be read (check its permissions)"
    return None


def _names_beside(path: Path) -> list[str]:
    try:
        return sorted(entry.name for entry in os.scandir(path.parent))
    except OSError:
        return []


def file_state(paths: Iterable[Path]) -> tuple[Any, ...]:
    """Path, size and modification time of each file (``None`` for one that is missing)."""
    state = []
    for path in paths:
        try:
            info = path.stat()
            state.append((str(path), info.st_size, info.st_mtime_ns))
        except OSError:
            state.append((str(path), None, None))
    return tuple(state)


def file_contents(paths: Iterable[Path]) -> tuple[tuple[str, str | None], ...]:
    """Path and a digest of the bytes of each file (``None`` for one that cannot be read)."""
    state = []
    for path in paths:
        try:
            state.append((str(path), digest(read_bytes(path))))
        except OSError:
            state.append((str(path), None))
    return tuple(state)


def _read_files(settings: SiteSettings) -> list[Path]:
    return [*settings.bibfiles, *(f.path for f in settings.files.values() if f.path is not None)]


def load_site(settings: SiteSettings, previous: SiteData | None = None
              ) -> tuple[SiteData, list[Problem]]:
    """The site's data and the problems found; *previous* itself when nothing changed."""
    paths = _read_files(settings)
    sources = file_state(paths)
    made_with = digest(repr(settings))
    # The previous load serves as it is only if made with the same settings (its pieces and
    # records are reused by digest either way).
    same = previous is not None and previous.made_with == made_with
    files_before = file_state(previous.local_files) if previous is not None else ()
    if same and previous.sources == sources + files_before:
        return previous, []
    contents = file_contents(paths)
    if same and previous.contents == contents and previous.sources[len(sources):] == files_before:
        # Touched, not changed (a checkout, an editor's save): the same data. Sphinx saves its
        # environment only when it read a page, so until then each build compares contents.
        previous.sources = sources + files_before
        return previous, []
    problems: list[Problem] = []
    files = settings.files
    site = SiteData()

    def readable(name: str) -> Path | None:
        if name not in files:
            return None
        ok, found = files[name].readable(settings.conf_py)
        problems.extend(found)
        return files[name].path if ok else None

    if path := readable("profile"):
        site.profile, found = load_profile(path)
        problems += found
    parsed = parse_bibfiles(list(settings.bibfiles), settings.encoding,
                            previous.pieces if previous else None)
    problems += parsed.problems
    site.bib, site.pieces = parsed.data, parsed.parsed
    site.bib_keys = {path: [] for path in settings.bibfiles}
    for key, where in parsed.locations.items():
        site.bib_keys.setdefault(Path(where.path), []).append(key)
    for name, loader in (("venues", load_venues), ("coauthors", load_coauthors),
                         ("citations", load_citations)):
        if path := readable(name):
            value, found = loader(path)
            setattr(site, name, value)
            problems += found
    overlay = readable("overlay")
    reuse = Reuse(parsed.digests, previous.records if previous else {})
    records, found = build_publications(
        parsed.data, parsed.locations, load_yaml(overlay) if overlay else None,
        settings.link_labels, reuse)
    problems += found
    site.records = reuse.kept
    # A record is made from what its stamp digests: the stamp serves as its digest, unless
    # the check of its files below replaces the record.
    stamps = {id(record): stamp for stamp, record in reuse.kept.items()}
    records, local, found = _check_local_files(records, settings)
    problems += found
    site.profile, found = _check_avatar(site.profile, settings, local)
    problems += found
    site.publications = {record.key: record for record in records}
    site.digests = {pub.key: stamps.get(id(pub)) or digest(repr(dataclasses.replace(pub, location=None)))
                    for pub in records}
    site.news_file = files["news"].path if "news" in files else None
    if path := readable("news"):
        site.news, found = load_news(path)
        problems += found
    site.owner, found = _owner(site, settings)
    problems += found
    site.local_files = tuple(local)
    site.sources = sources + file_state(local)
    # A file changed since its digest was taken: what was read may be neither.
    site.contents = contents if file_state(paths) == sources else ()
    site.made_with = made_with
    return site, problems


def _local_file(value: str, settings: SiteSettings) -> tuple[Path | None, str, str]:
    """A file the data names, relative to the pages folder: its path, and why it is refused
    with the problem's subtype ("" when it is not)."""
    path = confined(settings.pages / value.lstrip("/"), settings.root, settings.pages)
    if path is None:
        return None, (f"it is outside the project ({settings.root}); keep the site's files "
                      "inside it"), "path"
    unreadable = _unreadable(path)
    if unreadable is None:
        return path, "", ""
    subtype, what = unreadable
    return path, (f"{path} {what}; add the file, or fix the path (relative to the pages "
                  f"folder {settings.pages})"), subtype


def _check_local_files(records: list[Publication], settings: SiteSettings
                       ) -> tuple[list[Publication], list[Path], list[Problem]]:
    """Every file of the site an entry names (a link without a scheme, a preview image) is a
    regular file inside the project; the others are left out with a problem naming the entry
    and the field. Returns the records, the files checked and the problems."""
    checked: list[Path] = []
    problems: list[Problem] = []

    def usable(pub: Publication, value: str, what: str) -> bool:
        path, reason, subtype = _local_file(value, settings)
        if path is not None:
            checked.append(path)
        if reason:
            problems.append(Problem(f"entry {pub.key!r}: {what} {value!r} is left out: {reason}",
                                    pub.location or Location(""), subtype))
        return not reason

    result = []
    for pub in records:
        links = tuple(link for link in pub.links
                      if not link.local or usable(pub, link.url, f"the {link.field} file"))
        local_preview = pub.preview and "://" not in pub.preview
        preview = pub.preview if not local_preview or usable(pub, pub.preview, "the preview") \
            else ""
        if links != pub.links or preview != pub.preview:
            pub = dataclasses.replace(pub, links=links, preview=preview)
        result.append(pub)
    return result, checked, problems


def _check_avatar(profile: Profile | None, settings: SiteSettings, checked: list[Path]
                  ) -> tuple[Profile | None, list[Problem]]:
    """The profile's photo, when it is a file of the site: inside the project and there."""
    if profile is None or not profile.avatar or "://" in profile.avatar:
        return profile, []
    path, reason, subtype = _local_file(profile.avatar, settings)
    if path is not None:
        checked.append(path)
    if not reason:
        return profile, []
    where = profile.avatar_location or profile.location or Location("")
    return dataclasses.replace(profile, avatar=""), [Problem(
        f"the avatar {profile.avatar!r} is left out (a placeholder shows instead): {reason}",
        where, subtype)]


def _owner(site: SiteData, settings: SiteSettings) -> tuple[tuple[Name, ...], list[Problem]]:
    """The owner's names, parsed, and a problem when none matches an author (nothing would be
    highlighted), located where the names come from."""
    names = list(settings.owner)
    where = Location(str(settings.conf_py))
    if not names and site.profile is not None:
        names = [site.profile.name, *site.profile.name_variants]
        where = site.profile.location or where
    owner = tuple(parse_name(name) for name in names)
    pubs = site.publications.values()
    if not pubs or not owner or any(is_owner(a, owner) for pub in pubs for a in pub.authors):
        return owner, []
    shown = ", ".join(repr(" ".join(given + surname)) for given, surname in owner)
    fix = ("set portfolio_owner in conf.py to the spelling used in author lists"
           if settings.owner else "add the spelling used in author lists to name_variants in "
           "the profile, or set portfolio_owner in conf.py")
    return owner, [Problem(f"the site owner's name ({shown}) matches no author in the BibTeX "
                           f"file, so nothing is highlighted; {fix}", where, "owner")]
