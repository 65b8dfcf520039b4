"""The CV directives: ``cv-header``, ``education``, ``positions``, ``talks`` and ``awards``.

With the ``publications``, ``teaching`` and ``service`` directives they make a CV page from the
site's own data; the same page builds the PDF through Sphinx's LaTeX builder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ...data.records import load_cv_entries
from ...model import CvEntry, Location, Problem, Publication
from ...query.select import Query, select
from ...render.record_lists import cv_header, entry_list
from ..cv_pdf import cv_pdf_message, pdf_refusal, pdf_target
from ..domain import PortfolioDomain
from ..report import report
from .records import _DataDirective


class _EntriesDirective(_DataDirective):
    """Entries of one CV file. The default file may be missing: a site without talks has none."""

    def load(self, path: Path) -> tuple[list[CvEntry], list[Problem]]:
        return load_cv_entries(path, self.kind)

    def render(self, entries: list[CvEntry]) -> nodes.Element:
        return entry_list(entries, self.kind)


class EducationDirective(_EntriesDirective):
    """Degrees from the education YAML file."""

    kind = "education"


class PositionsDirective(_EntriesDirective):
    """Positions and research experience from the positions YAML file."""

    kind = "positions"


class TalksDirective(_EntriesDirective):
    """Talks from the talks YAML file."""

    kind = "talks"


class AwardsDirective(_EntriesDirective):
    """Honours from the awards YAML file and every ``award`` of ``refs.bib``, newest first."""

    kind = "awards"

    def load(self, path: Path) -> tuple[list[CvEntry], list[Problem]]:
        honours, problems = super().load(path)
        return self.with_papers(honours), problems

    def without_file(self) -> tuple[list[CvEntry], list[Problem]]:
        """A site without an awards file still lists the awards of its papers."""
        return self.with_papers([]), []

    def with_papers(self, honours: list[CvEntry]) -> list[CvEntry]:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        domain.note_publication_dependencies()
        for_papers = [(paper_award(pub, award), pub.year or 0)
                      for pub in select(domain.publications.values(), Query())
                      for award in pub.awards]
        # Newest first; undated honours last; the same year keeps the file's order.
        dated = [(entry, _year(entry.dates)) for entry in honours] + for_papers
        return [entry for entry, _ in sorted(dated, key=lambda pair: -pair[1])]


def paper_award(pub: Publication, award: str) -> CvEntry:
    """An award of a paper as a CV line, named with the venue it came with: "Best Paper Award,
    EuroSys 2025, for CacheBlend" (the venue's name is not repeated from the award's)."""
    venue = pub.venue_short if pub.venue_short != pub.venue else ""
    if venue and award.casefold().startswith(venue.casefold() + " "):
        award = award[len(venue) + 1:]
    where = " ".join(p for p in (venue, str(pub.year or "")) if p)
    where = f"{where}, for {pub.short_title}" if where else f"for {pub.short_title}"
    return CvEntry(title=award, where=where)


def _year(dates: str) -> int:
    """The latest year named in *dates* ("2021-2023" -> 2023), 0 when none is."""
    years = re.findall(r"\b(?:19|20)\d\d\b", dates)
    return max(map(int, years)) if years else 0


NO_PROFILE = ("cv-header shows the profile, but the site has none; set portfolio_profile to a "
              "profile YAML with at least a name")


class CvHeaderDirective(SphinxDirective):
    """The owner's name, position, affiliation and contact links, from the profile; on web
    pages also a link to the CV as a PDF when one is available (``portfolio_cv_pdf``)."""

    def run(self) -> list[nodes.Node]:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        if domain.profile is None:
            source, line = self.get_source_info()
            report([Problem(NO_PROFILE, Location(source, line), "cv")])
            return []
        header = cv_header(domain.profile, self.config.html_baseurl)
        link = self.pdf_link()
        if link is not None:
            header += link
        self.set_source_info(header)
        return [header]

    def pdf_link(self) -> nodes.Node | None:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        root = domain.settings.root
        refused = pdf_refusal(self.config.portfolio_cv_pdf, root)
        if refused:
            source, line = self.get_source_info()
            report([Problem(cv_pdf_message(self.config.portfolio_cv_pdf, refused[0]),
                            Location(source, line), refused[1])])
            return None
        target, local = pdf_target(self.env, root)
        if local is not None and not local.is_file():
            domain.await_file(local)
        if not target:
            return None
        # Sphinx copies a local file into the output's _downloads; a URL stays as it is.
        text = "Download this CV as a PDF"
        reference = addnodes.download_reference(
            "", "", nodes.inline(text, text), reftarget=target, refdoc=self.env.docname,
            refexplicit=True, classes=["cv-pdf-link"])
        return addnodes.only("", nodes.paragraph("", "", reference, classes=["cv-pdf"]),
                             expr="html")
