"""The ``teaching`` and ``service`` directives: lists from their YAML files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..data.records import load_courses, load_service
from ..domain import PortfolioDomain
from ..model import Problem
from ..render.cvlists import course_list, service_list
from ..site_data import report


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

    def run(self) -> list[nodes.Node]:
        path = self.data_file()
        if path is None:
            return []
        self.env.note_dependency(str(path))
        records, problems = self.load(path)
        report(problems)
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
    """Service roles from the service YAML file."""

    config_name = "portfolio_service"
    load = staticmethod(load_service)
    render = staticmethod(service_list)
