"""Teaching and service records as lists."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ..model import Course, ServiceRole
from .markdown import inline


def course_list(courses: Sequence[Course]) -> nodes.bullet_list:
    """Each course: its title (linked when it has a URL), then role and term, then notes."""
    items = nodes.bullet_list(classes=["teaching-list"])
    for course in courses:
        lines = nodes.line_block(classes=["teaching-entry"])
        title: nodes.Node = nodes.inline(course.title, course.title, classes=["teaching-title"])
        if course.url:
            title = nodes.reference("", "", title, refuri=course.url)
        lines += nodes.line("", "", title)
        detail = ", ".join(p for p in (course.role, course.term) if p)
        if detail:
            lines += nodes.line(detail, detail, classes=["teaching-role"])
        for note in course.notes:
            lines += nodes.line("", "", *inline(note), classes=["teaching-note"])
        items += nodes.list_item("", lines, classes=["teaching"])
    return items


def service_list(roles: Sequence[ServiceRole]) -> nodes.bullet_list:
    """Each role as "Role: venue, venue, ..." on one line."""
    items = nodes.bullet_list(classes=["service-list"])
    for role in roles:
        para = nodes.paragraph(classes=["service"])
        para += nodes.inline(role.role, role.role, classes=["service-role"])
        if role.items:
            para += nodes.Text(": ")
        for index, item in enumerate(role.items):
            if index:
                para += nodes.Text(", ")
            if item.url:
                para += nodes.reference(item.text, item.text, refuri=item.url)
            else:
                para.extend(inline(item.text))
        items += nodes.list_item("", para)
    return items
