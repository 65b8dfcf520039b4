"""The ``teaching`` and ``service`` directives: lists from their YAML files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ...data.records import load_courses, load_service
from ...model import Problem
from ...render.record_lists import course_list, service_list
from ..domain import PortfolioDomain
from ..loading import report


class _DataDirective(SphinxDirective):
    """A list read from one YAML file: the argument, or the configured default."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {"class": directives.class_option}
    config_name = ""
    #: ``path -> (records, problems)`` and ``records -> node``, set by each subclass.
    load: Callable[[Path], tuple[list, list[Problem]]]
    render: Callable[[list], nodes.Element]

    def data_file(self) -> Path | None:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        if self.arguments:
            _, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
            return domain.data_file(absolute)
        return domain.data_file(self.config[self.config_name])

    def missing_is_fine(self) -> bool:
        """Whether a missing file means "nothing to list" rather than a mistake."""
        return False

    def run(self) -> list[nodes.Node]:
        path = self.data_file()
        if path is None:
            return []
        if path.exists() or not self.missing_is_fine():
            self.env.note_dependency(str(path))
        else:
            cast(PortfolioDomain, self.env.get_domain("portfolio")).await_file(path)
        records, problems = self.load(path)
        report(problems)
        if not records:
            return []  # nothing to show (and LaTeX refuses an empty list)
        node = self.render(records)
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        return [node]


class TeachingDirective(_DataDirective):
    """Courses from the teaching YAML file."""

    config_name = "portfolio_teaching"
    load = staticmethod(load_courses)
    render = staticmethod(course_list)


class ServiceDirective(_DataDirective):
    """Service roles from the service YAML file; ``:section:`` picks the roles of some sections
    (a role's ``section`` field, "service" when absent), e.g. a CV's "mentoring"."""

    config_name = "portfolio_service"
    option_spec = {**_DataDirective.option_spec, "section": directives.unchanged_required}
    render = staticmethod(service_list)

    def load(self, path: Path) -> tuple[list, list[Problem]]:
        roles, problems = load_service(path)
        wanted = {s.strip().casefold() for s in self.options.get("section", "").split(",")} - {""}
        return [r for r in roles if not wanted or r.section.casefold() in wanted], problems
