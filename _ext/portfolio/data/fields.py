"""Every BibTeX and overlay field the portfolio reads: the one place they are defined.

The publication builder reads the link fields from here, the overlay schema allows exactly these
names, and the ``portfolio-fields`` directive renders this table on the documentation site, so
the docs cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    name: str
    group: str  #: "standard", "link", "site" (display only) or "biblatex"
    help: str
    label: str = ""  #: default link label, for link fields
    url_prefix: str = ""  #: for identifiers: prefix that makes the value a URL
    export: bool = True  #: kept in the BibTeX shown and downloaded (False: the site's own)


FIELDS: tuple[FieldSpec, ...] = (
    # Standard BibTeX / biblatex data.
    FieldSpec("title", "standard", "Title; LaTeX accents and commands are shown as Unicode. Required."),
    FieldSpec("shorttitle", "standard", "Short name used by the ``pub`` role (\"DDS\"); defaults to "
              "the title up to its first colon."),
    FieldSpec("author", "standard", "Authors in BibTeX form (``Last, First and ...``); "
              "``and others`` shows as \"et al.\""),
    FieldSpec("author+an", "biblatex", "biblatex author annotations: ``1=equal; 2=equal,corresponding``"
              " marks the 1st and 2nd authors; markers and legend come from "
              "``portfolio_author_notes``."),
    FieldSpec("year", "standard", "Year of publication."),
    FieldSpec("date", "biblatex", "biblatex date (``2025-10`` or ``2025-10-03``); used when "
              "``year``/``month`` are missing."),
    FieldSpec("month", "standard", "Month as ``jan``, ``January`` or ``1``; orders entries within a year."),
    FieldSpec("journal", "standard", "Venue of an article (biblatex: ``journaltitle``)."),
    FieldSpec("journaltitle", "biblatex", "Venue of an article, biblatex spelling."),
    FieldSpec("booktitle", "standard", "Venue of a paper in proceedings, shown as written, "
              "e.g. \"USENIX Symposium on ... (OSDI)\"."),
    FieldSpec("eventtitle", "biblatex", "Venue when there is no ``booktitle``."),
    FieldSpec("howpublished", "standard", "Venue of ``@misc`` entries, e.g. \"arXiv preprint\"."),
    FieldSpec("school", "standard", "Venue of a thesis."),
    FieldSpec("institution", "standard", "Venue of a report."),
    FieldSpec("publisher", "standard", "Venue of a book, when nothing above is set."),
    FieldSpec("note", "standard", "A note shown under the entry (LaTeX decoded)."),
    FieldSpec("abstract", "standard", "The abstract."),
    FieldSpec("keywords", "standard", "Topics, separated by commas or semicolons; filter with "
              "``:keyword:``."),
    # Links, shown in the order they appear in the entry. A value without a scheme is a file of
    # the site, relative to the pages folder.
    FieldSpec("url", "link", "Link to the paper.", label="paper"),
    FieldSpec("pdf", "link", "A PDF: a URL, or a file path relative to the pages folder "
              "(``files/caravan.pdf``), which is copied into the site.", label="pdf",
              export=False),
    FieldSpec("html", "link", "Link to the paper's web page.", label="html", export=False),
    FieldSpec("doi", "link", "DOI, linked through doi.org.", label="DOI",
              url_prefix="https://doi.org/"),
    FieldSpec("arxiv", "link", "arXiv identifier, linked to its abstract page.", label="arXiv",
              url_prefix="https://arxiv.org/abs/", export=False),
    FieldSpec("eprint", "link", "arXiv identifier when ``archiveprefix`` (or ``eprinttype``) is "
              "arXiv or not set.", label="arXiv", url_prefix="https://arxiv.org/abs/"),
    FieldSpec("code", "link", "Link to the code.", label="code", export=False),
    FieldSpec("slides", "link", "Link to the slides.", label="slides", export=False),
    FieldSpec("talk", "link", "Link to a recorded talk.", label="talk", export=False),
    FieldSpec("video", "link", "Link to a video.", label="video", export=False),
    FieldSpec("poster", "link", "Link to the poster.", label="poster", export=False),
    FieldSpec("website", "link", "Link to the project's website.", label="website",
              export=False),
    FieldSpec("blog", "link", "Link to a blog post.", label="blog", export=False),
    FieldSpec("supp", "link", "Link to supplementary material.", label="supp", export=False),
    FieldSpec("pubstate", "biblatex", "biblatex publication state: ``submitted`` shows \"under "
              "review\", ``forthcoming`` or ``inpress`` \"to appear\", ``prepublished`` "
              "\"preprint\"."),
    # Site-only fields (al-folio names where al-folio has one).
    FieldSpec("abbr", "site", "Short venue name (\"OSDI\") used by the ``pub`` role; defaults to "
              "the acronym in parentheses at the end of the venue."),
    FieldSpec("award", "site", "An award, shown highlighted."),
    FieldSpec("award_name", "site", "al-folio's short award name; shown when ``award`` is empty."),
    FieldSpec("additional_info", "site", "A note in Markdown (links allowed) shown under the entry."),
    FieldSpec("annotation", "site", "al-folio's annotation; shown as a note under the entry."),
    FieldSpec("selected", "site", "``true`` to include the entry in ``:selected:`` lists."),
    FieldSpec("bibtex_show", "site", "al-folio's BibTeX toggle flag; accepted and kept out of the "
              "shown BibTeX."),
    FieldSpec("preview", "site", "A thumbnail shown beside the entry: an image path relative to "
              "the pages folder (``images/caravan.png``) or an https URL."),
    FieldSpec("status", "site", "Publication status shown as a badge (\"preprint\", \"under "
              "review\", \"to appear\", \"published\"); wins over ``pubstate``."),
    FieldSpec("kind", "site", "The type ``:group: type`` files the entry under instead of its "
              "entry type, e.g. ``workshop`` for a workshop whose venue does not say so."),
)

#: Fields that only the overlay YAML has (they are lists, which BibTeX cannot hold).
OVERLAY_ONLY: tuple[FieldSpec, ...] = (
    FieldSpec("notes", "site", "Overlay only: a list of Markdown notes, one line each."),
    FieldSpec("awards", "site", "Overlay only: a list of awards."),
    FieldSpec("links", "site", "Overlay only: extra links as ``label: url`` pairs."),
)

LINK_FIELDS = {spec.name: spec for spec in FIELDS if spec.group == "link"}
#: Fields removed (whole) from the BibTeX a reader copies or downloads; unknown fields are kept.
SITE_ONLY = frozenset(spec.name for spec in FIELDS if spec.group == "site" or not spec.export)
