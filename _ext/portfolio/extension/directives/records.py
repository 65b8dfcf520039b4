"""The ``teaching`` and ``service`` directives: lists from their YAML files."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ...data.records import load_courses, load_service
from ...model import Location, Problem
from ...render.record_lists import course_list, service_list
from ..domain import PortfolioDomain
from ..report import report


class _DataDirective(SphinxDirective):
    """A list read from one YAML file: the argument, or the configured default."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = {"class": directives.class_option}
    kind = ""  #: the directive's name; its setting is ``portfolio_<kind>``
    #: ``path -> (records, problems)`` and ``records -> node``, set by each subclass.
    load: Callable[[Path], tuple[list, list[Problem]]]
    render: Callable[[list], nodes.Element]

    def without_file(self) -> tuple[list, list[Problem]]:
        """The records when there is no file (yet): none, unless they come from elsewhere too."""
        return [], []

    def run(self) -> list[nodes.Node]:
        domain = cast(PortfolioDomain, self.env.get_domain("portfolio"))
        path, problem = domain.record_file(self.kind, self.arguments[0] if self.arguments else "")
        if problem is not None:
            source, line = self.get_source_info()
            report([dataclasses.replace(problem, location=Location(source, line))])
            return []
        if path is None or not path.exists():
            if path is not None:  # nothing from the file until it exists
                domain.await_file(path)
            records, problems = self.without_file()
        else:
            self.env.note_dependency(str(path))
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

    kind = "teaching"
    load = staticmethod(load_courses)
    render = staticmethod(course_list)


class ServiceDirective(_DataDirective):
    """Service roles from the service YAML file; ``:section:`` picks the roles of some sections
    (a role's ``section`` field, "service" when absent), e.g. a CV's "mentoring"."""

    kind = "service"
    option_spec: ClassVar = {**_DataDirective.option_spec, "section": directives.unchanged_required}
    render = staticmethod(service_list)

    def load(self, path: Path) -> tuple[list, list[Problem]]:
        roles, problems = load_service(path)
        wanted = {s.strip().casefold() for s in self.options.get("section", "").split(",")} - {""}
        return [r for r in roles if not wanted or r.section.casefold() in wanted], problems
