"""Plain records for everything a portfolio shows.

No Sphinx and no docutils here: the data layer builds these records, the query layer filters them,
the render layer turns them into nodes, and tests or command-line tools can use them alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where a record came from, so a warning can point at the file and line."""

    path: str  #: absolute path of the data file
    line: int | None = None  #: 1-based line, when known

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Problem:
    """Something wrong in a data file, reported as a warning by the Sphinx glue."""

    message: str
    location: Location
    subtype: str  #: warning subtype, documented on the troubleshooting page


@dataclass(frozen=True)
class Author:
    """One author of a publication, already decoded from LaTeX to Unicode."""

    name: str  #: display form, "First Middle von Last, Jr."
    first: str  #: given names as written ("Francis Y.")
    last: str  #: surname with prefix ("von Neumann")
    notes: tuple[str, ...] = ()  #: annotation names such as "equal" or "corresponding"
    others: bool = False  #: BibTeX's "and others"


@dataclass(frozen=True)
class Link:
    """A labelled link of a publication ("paper", "code", "slides", ...)."""

    field: str  #: the BibTeX or overlay field it came from
    label: str
    url: str  #: a web address, or for a file of the site its path relative to the pages folder
    local: bool = False  #: a file of the site (copied into the output), not a web address


@dataclass(frozen=True)
class Venue:
    """How a venue's badge looks: its link and colour (from the optional venues file)."""

    url: str = ""
    color: str = ""  #: a CSS colour checked when loaded: "#1f77b4", "rgb(...)" or a name


@dataclass(frozen=True)
class Publication:
    """One BibTeX entry, merged with its overlay, ready to filter and render."""

    key: str
    entry_type: str  #: lower-case BibTeX type ("inproceedings", "article", "misc", ...)
    title: str
    authors: tuple[Author, ...]
    year: int | None
    month: int | None
    venue: str  #: full venue as written ("USENIX Symposium on ... (OSDI)")
    venue_short: str  #: "OSDI", from ``abbr`` or the acronym in the venue's parentheses
    short_title: str  #: "Caravan", from ``shorttitle`` or the title before its colon
    links: tuple[Link, ...] = ()
    #: the title as ``(text, tex)`` pieces when it holds math (see text.latex.math_parts)
    title_math: tuple[tuple[str, str], ...] = ()
    awards: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  #: Markdown inline text, may hold links
    keywords: tuple[str, ...] = ()
    selected: bool = False
    abstract: str = ""
    abbr: str = ""  #: the ``abbr`` field as written: shown as a venue badge
    status: str = ""  #: "preprint", "under review", "to appear", "published" or as written
    kind: str = ""  #: the ``kind`` field: files the entry under that type for ``:group: type``
    preview: str = ""  #: thumbnail: a path relative to the pages folder, or a URL
    bibtex: str = ""  #: the entry as BibTeX, without site-only fields (see portfolio.data.export)
    fields: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    location: Location | None = None

    @property
    def short_reference(self) -> str:
        """The bracketed part of "Caravan [OSDI 2024]"."""
        parts = [p for p in (self.venue_short, str(self.year or "")) if p]
        return " ".join(parts)


@dataclass(frozen=True)
class CitationCount:
    """How often a publication is cited, as a service counted on a day (``portfolio sync
    citations`` writes these; the build only reads them)."""

    count: int
    date: str  #: ISO date of the count: "2025-06-18"
    source: str = ""  #: "OpenAlex"


@dataclass(frozen=True)
class Course:
    """A course taught, one line of the Teaching list."""

    title: str  #: "Stanford CS 244: Advanced Topics in Networking"
    role: str = ""
    term: str = ""
    url: str = ""
    notes: tuple[str, ...] = ()
    location: Location | None = None


@dataclass(frozen=True)
class ServiceItem:
    """One venue or year of a service role; ``text`` may hold Markdown links."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class ServiceRole:
    """A service role with the venues or years it covers."""

    role: str
    items: tuple[ServiceItem, ...] = ()
    section: str = "service"  #: the CV section it belongs to ("service", "mentoring", ...)
    location: Location | None = None


@dataclass(frozen=True)
class CvEntry:
    """One entry of a CV section: a degree, a position, a talk or an honour.

    Every part but the title is optional: what the data does not say is left out.
    """

    title: str  #: "Ph.D. student in Computer Science", "Intern", a talk's title, an award
    where: str = ""  #: institution, organization, event or awarding body
    url: str = ""  #: link of ``where`` (or of the title when there is no ``where``)
    dates: str = ""  #: as written: "2021-present", "Spring 2024", "2025"
    details: tuple[str, ...] = ()  #: further lines, inline Markdown ("Advisor: ...", notes)
    location: Location | None = None


@dataclass(frozen=True)
class NewsItem:
    """One news line: when it happened and what, in inline Markdown."""

    date: str  #: ISO date, as precise as known: "2025", "2025-10" or "2025-10-01"
    text: str
    anchor: str = ""  #: id of the item on the page, stable across builds ("news-2025-10-01")
    location: Location | None = None


@dataclass(frozen=True)
class ProfileLink:
    """A contact or profile link shown with the owner's name."""

    kind: str  #: "email", "github", "scholar", ...
    label: str
    url: str


@dataclass(frozen=True)
class Profile:
    """Who the site is about; shown by the theme, not in page text."""

    name: str
    position: str = ""
    affiliation: str = ""
    affiliation_url: str = ""
    aka: str = ""
    pronunciation: str = ""
    avatar: str = ""
    links: tuple[ProfileLink, ...] = ()
    name_variants: tuple[str, ...] = ()
    location: Location | None = field(default=None, compare=False)  #: of the name
    avatar_location: Location | None = field(default=None, compare=False)
