"""The ``teaching`` and ``service`` directives: lists from their YAML files."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..data.records import load_courses, load_service
from ..model import Location
from ..render.cvlists import course_list, service_list
from ..domain import PortfolioDomain
from ..site_data import report


class _DataDirective(SphinxDirective):
    """A list read from one YAML file: the argument, or the configured default."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {"class": directives.class_option}
    config_name = ""

    def data_file(self) -> Path | None:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        if self.arguments:
            _, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
            return domain.data_file(absolute)
        return domain.data_file(self.config[self.config_name])

    def render(self, path: Path, where: Location) -> nodes.Element:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        path = self.data_file()
        if path is None:
            return []
        self.env.note_dependency(str(path))
        where = Location(str(path))
        node = self.render(path, where)
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        return [node]


class TeachingDirective(_DataDirective):
    """Courses from the teaching YAML file."""

    config_name = "portfolio_teaching"

    def render(self, path: Path, where: Location) -> nodes.Element:
        courses, problems = load_courses(path)
        report(problems)
        return course_list(courses)


class ServiceDirective(_DataDirective):
    """Service roles from the service YAML file."""

    config_name = "portfolio_service"

    def render(self, path: Path, where: Location) -> nodes.Element:
        roles, problems = load_service(path)
        report(problems)
        return service_list(roles)
