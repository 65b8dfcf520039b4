"""The ``portfolio_*`` settings of ``conf.py``: each with a type, a default and a description.

One table for the Sphinx build (which registers and checks them) and ``portfolio check`` (which
reads ``conf.py`` itself): a wrong value gives the same problem in both, and the default is used
instead, so a typo never ends a build with a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import Location, Problem

#: Collapsed parts under each entry (``portfolio_toggles``, ``:toggles:``).
TOGGLES = ("abstract", "bibtex")
#: Orders within one year and month (``portfolio_sort_within``); "bib" keeps the file's order.
TIEBREAKS = ("bib", "title", "key", "venue")


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    types: tuple[type, ...]
    rebuild: str
    help: str
    check: Callable[[Any], str | None] | None = None  #: returns why a value is wrong


def _author_notes(value: Any) -> str | None:
    for name, spec in value.items():
        if not (isinstance(spec, (list, tuple)) and len(spec) == 2
                and all(isinstance(s, str) for s in spec)):
            return f"{name!r} must map to [marker, legend], e.g. ['*', 'equal contribution']"
    return None


def _type_groups(value: Any) -> str | None:
    for item in value:
        if not (isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str)
                and isinstance(item[1], (list, tuple))):
            return "each item must be [heading, [entry types]], e.g. ['Journal Articles', ['article']]"
    return None


def _string_map(value: Any) -> str | None:
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return "keys and values must be strings"
    return None


def _string_list(value: Any) -> str | None:
    if not all(isinstance(v, str) for v in value):
        return "every item must be a string"
    return None


def _toggles(value: Any) -> str | None:
    if not all(v in TOGGLES for v in value):
        return f"items must be among {', '.join(TOGGLES)}"
    return None


def _tiebreak(value: Any) -> str | None:
    return None if value in TIEBREAKS else f"must be one of {', '.join(TIEBREAKS)}"


def _not_negative(value: Any) -> str | None:
    return None if value >= 0 else "must be 0 (show all) or more"


def _folder(value: Any) -> str | None:
    parts = value.strip("/").split("/") if value else []
    if any(not p or p in (".", "..") or not p.replace("-", "").replace("_", "").isalnum()
           for p in parts):
        return "must be a folder name such as 'papers' (letters, digits, - and _), or ''"
    return None


DEFAULT_TYPE_GROUPS = [
    ["Journal Articles", ["article"]],
    ["Conference and Workshop Papers", ["inproceedings", "conference", "incollection"]],
    ["Preprints", ["misc", "unpublished", "preprint", "online"]],
    ["Books", ["book", "inbook", "booklet", "proceedings", "collection"]],
    ["Theses", ["phdthesis", "mastersthesis", "thesis"]],
    ["Reports", ["techreport", "report", "manual"]],
]

OPTIONS = (
    Option("portfolio_owner", [], (list, tuple), "env",
           "Names of the site owner as they appear in author lists (any spelling: 'Qizheng Zhang', "
           "'Zhang, Q.'); all are highlighted. Empty: the profile's name and name_variants.",
           _string_list),
    Option("portfolio_profile", "_data/profile.yaml", (str,), "env",
           "Profile YAML, relative to the pages folder; '' for none."),
    Option("portfolio_teaching", "_data/teaching.yaml", (str,), "env",
           "Default teaching YAML for the teaching directive, relative to the pages folder."),
    Option("portfolio_service", "_data/service.yaml", (str,), "env",
           "Default service YAML for the service directive, relative to the pages folder."),
    *(Option(f"portfolio_{kind}", f"_data/{kind}.yaml", (str,), "env",
             f"Default file of the {kind} directive (CV){extra}, relative to the pages folder. "
             "A missing file is fine unless you changed this value.")
      for kind, extra in (("education", ""), ("positions", ""), ("talks", ""),
                          ("awards", ": honours besides the award fields of refs.bib"))),
    Option("portfolio_cv_pdf", "", (str,), "env",
           "The CV as a PDF, linked from the cv-header directive on web pages: a path relative "
           "to the folder of conf.py (e.g. '_build/latex/cv.pdf', linked once built; on Read "
           "the Docs the PDF it serves) or a URL; '' for no link."),
    Option("portfolio_news", "_data/news.yaml", (str,), "env",
           "News YAML for the news directive and the feed, relative to the pages folder. A "
           "missing file is fine unless you changed this value; '' for none."),
    Option("portfolio_cv_page", "cv", (str,), "env",
           "The CV page: when the project has it, the profile card links to it (a 'cv' link in "
           "the profile wins)."),
    Option("portfolio_bib_overlay", "_data/publications.yaml", (str,), "env",
           "Optional YAML keyed by citation key with site-only fields; relative to the pages "
           "folder. A missing file is fine unless you changed this value."),
    Option("portfolio_author_notes",
           {"equal": ["*", "equal contribution"], "corresponding": ["†", "corresponding author"]},
           (dict,), "env",
           "Author annotations (biblatex author+an names) mapped to [marker, legend].",
           _author_notes),
    Option("portfolio_link_labels", {}, (dict,), "env",
           "Labels for link fields, overriding the defaults (e.g. {'url': 'paper'}).", _string_map),
    Option("portfolio_type_groups", DEFAULT_TYPE_GROUPS, (list, tuple), "env",
           "Headings and their entry types for ':group: type', in order. The type 'workshop' "
           "takes the entries whose venue names a workshop, before their own type's group.",
           _type_groups),
    Option("portfolio_publications_page", "publications", (str,), "env",
           "The page {pub} links go to when an entry is listed on several pages."),
    Option("portfolio_toggles", ["abstract", "bibtex"], (list, tuple), "env",
           "Collapsed parts under each entry, when the entry has them: 'abstract', 'bibtex'. "
           "The publications option :toggles: overrides it per list.", _toggles),
    Option("portfolio_max_authors", 0, (int,), "env",
           "Show this many authors and the rest behind an 'and N more' expander; 0 shows all.",
           _not_negative),
    Option("portfolio_coauthors", "_data/coauthors.yaml", (str,), "env",
           "Optional YAML mapping co-author names to their pages; relative to the pages folder."),
    Option("portfolio_venues", "_data/venues.yaml", (str,), "env",
           "Optional YAML mapping venue badge texts ('OSDI') to a url and a color."),
    Option("portfolio_sort_within", "bib", (str,), "env",
           "Order of entries of the same year and month: 'bib' (file order), 'title', 'key' or "
           "'venue'.", _tiebreak),
    Option("portfolio_topics", [], (list, tuple), "env",
           "Order of the headings of ':group: topic' (keywords); other topics follow "
           "alphabetically.", _string_list),
    Option("portfolio_bib_files", True, (bool,), "env",
           "Write each entry's BibTeX to _bib/<key>.bib in HTML output and link it from the "
           "entry."),
    Option("portfolio_citations", "", (str,), "env",
           "Citation counts file written by 'portfolio sync citations' (e.g. "
           "'_data/citations.yaml'), relative to the pages folder: each entry with a count shows "
           "a small badge. '' (the default): no badges. The build only reads the file."),
    Option("portfolio_paper_pages", "", (str,), "env",
           "Folder of the generated page per publication (e.g. 'papers' gives papers/<key>.html "
           "with citation meta tags); '' for none.", _folder),
    Option("portfolio_number_prefixes", {}, (dict,), "env",
           "Prefixes of the labels of ':numbered: type' by heading of portfolio_type_groups "
           "(e.g. {'Conference Papers': 'C'}); a heading not listed takes its first letter.",
           _string_map),
    Option("portfolio_homepage", True, (bool,), "html",
           "Show sphinx-book-theme as a personal homepage: the pages in a top navigation bar (a "
           "menu on phones), the profile beside the home page's text and in the sidebar of the "
           "others, no source download, fullscreen or previous/next controls, a short footer. "
           "Each part is a theme option this sets unless conf.py does. False: the theme as "
           "documentation."),
    Option("portfolio_search", True, (bool,), "html",
           "With portfolio_homepage: one search button in the top bar; False for no search."),
    Option("portfolio_footer", "", (str,), "html",
           "With portfolio_homepage: a line of your own in the footer, between the name and "
           "year and 'Built with'."),
    Option("portfolio_toc_min_sections", 3, (int,), "html",
           "With portfolio_homepage: the 'Contents' rail beside a page only when the page has "
           "at least this many section headings; 0 shows it on every page.", _not_negative),
)


def default(name: str) -> Any:
    """The default value of the option *name*."""
    return DEFAULTS[name]


DEFAULTS = {option.name: option.default for option in OPTIONS}


#: sphinxcontrib-bibtex's list of BibTeX files, which the load reads: checked with the rest.
BIBFILES = Option("bibtex_bibfiles", [], (list, tuple), "env",
                  "BibTeX files, relative to the folder of conf.py.", _string_list)


def check_values(values: Mapping[str, Any], conf_py: Path | str) -> tuple[dict[str, Any], list[Problem]]:
    """Every option's value from *values* (the default where missing or wrong), and a problem,
    located at *conf_py*, for each wrong one; ``bibtex_bibfiles`` too when *values* has it."""
    checked: dict[str, Any] = {}
    problems = []
    for option in (*OPTIONS, *((BIBFILES,) if "bibtex_bibfiles" in values else ())):
        value = values.get(option.name, option.default)
        problem = None
        if not isinstance(value, option.types):
            expected = " or ".join(t.__name__ for t in option.types)
            problem = f"must be a {expected}, not {type(value).__name__}"
        elif option.check is not None:
            problem = option.check(value)
        if problem:
            problems.append(Problem(f"config value {option.name} = {value!r} {problem}; using the "
                                    f"default {option.default!r}", Location(str(conf_py)), "config"))
            value = option.default
        checked[option.name] = value
    return checked, problems


def publications_page_problem(page: str, pages: Iterable[str], conf_py: Path | str
                              ) -> Problem | None:
    """``portfolio_publications_page`` must name one of the *pages* (its default need not)."""
    names = sorted(pages)
    if page == DEFAULTS["portfolio_publications_page"] or page in names:
        return None
    close = difflib.get_close_matches(page, names, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return Problem(f"config value portfolio_publications_page = {page!r} names no page{hint}; "
                   "{pub} links go to the first page that lists the entry; set it to the name "
                   "of the page with your publications list", Location(str(conf_py)), "config")
