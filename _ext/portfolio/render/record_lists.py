"""Teaching, service and the other CV records (education, positions, talks, awards) as lists,
and the CV's header."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from docutils import nodes

from ..model import Course, CvEntry, Profile, ServiceRole
from .inline import inline


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


def entry_list(entries: Sequence[CvEntry], kind: str) -> nodes.bullet_list:
    """Each entry: title, where (linked) and dates on its first line; details below."""
    items = nodes.bullet_list(classes=["cv-list", f"cv-{kind}"])
    for entry in entries:
        head = nodes.line(classes=["cv-entry-head"])
        title: nodes.Node = nodes.inline(entry.title, entry.title, classes=["cv-title"])
        where: nodes.Node | None = (nodes.inline(entry.where, entry.where, classes=["cv-where"])
                                    if entry.where else None)
        if entry.url and where is not None:
            where = nodes.reference("", "", where, refuri=entry.url)
        elif entry.url:
            title = nodes.reference("", "", title, refuri=entry.url)
        head += title
        if where is not None:
            head += [nodes.Text(", "), where]
        if entry.dates:
            head += [nodes.Text(" "), nodes.inline(entry.dates, entry.dates, classes=["cv-dates"])]
        lines = nodes.line_block("", head, classes=["cv-entry"])
        for detail in entry.details:
            lines += nodes.line("", "", *inline(detail), classes=["cv-detail"])
        items += nodes.list_item("", lines, classes=["cv-item"])
    return items


def cv_header(profile: Profile, website: str = "") -> nodes.container:
    """The owner's name, position and affiliation, and the contact links, each an icon and a
    short label."""
    box = nodes.container(classes=["cv-header"])
    box += nodes.paragraph("", "", nodes.inline(profile.name, profile.name, classes=["cv-name"]),
                           classes=["cv-name-line"])
    affiliation: nodes.Node | None = None
    if profile.affiliation:
        affiliation = nodes.Text(profile.affiliation)
        if profile.affiliation_url:
            affiliation = nodes.reference("", "", affiliation, refuri=profile.affiliation_url)
    position = [n for n in (nodes.Text(profile.position) if profile.position else None,
                            affiliation) if n is not None]
    if position:
        line = nodes.paragraph(classes=["cv-position"])
        for index, part in enumerate(position):
            if index:
                line += nodes.Text(", ")
            line += part
        box += line
    contacts = [(link.kind, link.url, link.label) for link in profile.links]
    if website and website not in {url for _, url, _ in contacts}:
        contacts.insert(0, ("website", website, "Website"))
    if contacts:
        line = nodes.paragraph(classes=["cv-contact"])
        for index, (kind, url, label) in enumerate(contacts):
            if index:
                line += nodes.inline(" · ", " · ", classes=["cv-sep"])
            shown = short_label(kind, url, label)
            icon = nodes.inline("", "", classes=["portfolio-icon", f"portfolio-icon-{kind}"])
            line += nodes.reference("", "", icon, nodes.Text(shown), refuri=url,
                                    classes=[f"cv-link-{kind}"])
        box += line
    return box


def short_label(kind: str, url: str, label: str) -> str:
    """What a contact link shows beside its icon: the address of an email, the site of a web
    page, the handle of a profile ("Alex-q-z", "@someone"), else the link's name ("Google
    Scholar"): never a long query string."""
    if kind == "email":
        return url.removeprefix("mailto:")
    if kind == "website":
        return printable_url(url)
    parts = urlsplit(url)
    path = [p for p in parts.path.split("/") if p]
    handle = ""
    if kind in ("github", "gitlab", "orcid") and path:
        handle = path[0] if kind != "orcid" else path[-1]
    elif kind == "linkedin" and len(path) == 2 and path[0] == "in":
        handle = path[1]
    elif kind == "x" and len(path) == 1:
        handle = "@" + path[0]
    elif kind == "bluesky" and len(path) == 2 and path[0] == "profile":
        handle = "@" + path[1]
    elif kind == "mastodon" and len(path) == 1 and path[0].startswith("@") and parts.hostname:
        handle = f"{path[0]}@{parts.hostname}"
    return handle if handle and not parts.query else label


def printable_url(url: str) -> str:
    """A link as a reader types it: no scheme, no ``mailto:``, no trailing slash."""
    for prefix in ("mailto:", "https://www.", "http://www.", "https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
            break
    return url.rstrip("/")
