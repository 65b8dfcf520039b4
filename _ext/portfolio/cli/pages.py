"""The extension's directives and roles in a site's pages, found as a build finds them: MyST's
own Markdown parser and directive-option reader, the line numbers a build reports.

``portfolio check`` reads pages with this, without building: nothing here runs a directive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from docutils.parsers.rst import Directive

#: Directives whose content is not Markdown: nothing inside them is a directive or a role.
_LITERAL = re.compile(r"^(code|code-block|sourcecode|code-cell|literalinclude|raw|math|"
                      r"eval-rst|csv-table|graphviz|mermaid)$")
#: ``.. name:: argument`` and ``:role:`text``` in reStructuredText pages.
_RST_DIRECTIVE = re.compile(r"^(\s*)\.\. ([\w-]+)::[ \t]*(.*)$")
_RST_ROLE = re.compile(r":([\w-]+):`([^`]+)`")


@dataclass(frozen=True)
class DirectiveUse:
    name: str
    argument: str
    options: dict[str, Any]  #: as the directive gets them (a flag's value is None)
    page: Path
    line: int  #: the line a build's warnings name for it


@dataclass(frozen=True)
class RoleUse:
    name: str
    text: str
    page: Path
    line: int


class _AnyOptions(Directive):
    """A directive of another extension: its options are read but not checked."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = {"class": str}


def scan_page(page: Path, text: str, directives: dict[str, type[Directive]],
              roles: Sequence[str], myst_extensions: Sequence[str] = ()
              ) -> tuple[list[DirectiveUse], list[RoleUse]]:
    """The uses of the *directives* (by name, with their classes) and *roles* in one page."""
    if page.suffix == ".rst":
        return _scan_rst(page, text, directives, roles)
    found_directives: list[DirectiveUse] = []
    found_roles: list[RoleUse] = []
    parser = _markdown_parser(tuple(myst_extensions))
    for use in _walk(parser, page, text, 0, directives, roles):
        (found_directives if isinstance(use, DirectiveUse) else found_roles).append(use)
    return found_directives, found_roles


def _markdown_parser(extensions: tuple[str, ...]):
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    try:
        config = MdParserConfig(enable_extensions=set(extensions))
    except (TypeError, ValueError):  # an extension this MyST does not know: the build says so
        config = MdParserConfig()
    return create_md_parser(config, RendererHTML)


def _walk(parser, page: Path, text: str, offset: int, directives: dict[str, type[Directive]],
          roles: Sequence[str]) -> Iterator[DirectiveUse | RoleUse]:
    from myst_parser.parsers.directives import parse_directive_text

    for token in parser.parse(text):
        line = offset + (token.map[0] if token.map else 0) + 1
        if token.type == "inline":
            for child in token.children or ():
                if child.type == "myst_role" and child.meta.get("name") in roles:
                    yield RoleUse(child.meta["name"], child.content, page, line)
            continue
        if token.type not in ("fence", "colon_fence") or not token.info.startswith("{"):
            continue
        name, _, first_line = token.info.strip()[1:].partition("}")
        if _LITERAL.match(name):
            continue
        directive = directives.get(name)
        try:
            parsed = parse_directive_text(directive or _AnyOptions, first_line.strip(),
                                          token.content, line=line,
                                          validate_options=directive is not None)
        except Exception:  # noqa: BLE001 - the build reports a directive it cannot read
            continue
        if directive is not None:
            yield DirectiveUse(name, " ".join(parsed.arguments), parsed.options, page, line)
        if directive is None or directive.has_content:
            yield from _walk(parser, page, "\n".join(parsed.body),
                             line + max(parsed.body_offset, 0), directives, roles)


def _scan_rst(page: Path, text: str, directives: dict[str, type[Directive]],
              roles: Sequence[str]) -> tuple[list[DirectiveUse], list[RoleUse]]:
    """Directives and roles of a reStructuredText page: the directive's options as docutils
    reads a field list; a role at the first line of its paragraph."""
    found: list[DirectiveUse] = []
    found_roles: list[RoleUse] = []
    lines = text.splitlines()
    start = 0
    for index, line in enumerate(lines):
        if not line.strip():
            start = index + 1
            continue
        match = _RST_DIRECTIVE.match(line)
        if match and match.group(2) in directives:
            options: dict[str, Any] = {}
            for option in lines[index + 1:]:
                field = re.match(r"^\s+:([\w-]+):\s*(.*)$", option)
                if not field:
                    break
                options[field.group(1)] = field.group(2) or None
            found.append(DirectiveUse(match.group(2), match.group(3).strip(), options, page,
                                      index + 1))
            continue
        for role in _RST_ROLE.finditer(line):
            if role.group(1) in roles:
                found_roles.append(RoleUse(role.group(1), role.group(2), page, start + 1))
    return found, found_roles
