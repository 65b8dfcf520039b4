"""The ``portfolio-fields`` directive: the table of supported fields, from ``fields.py``."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ...data.fields import FIELDS, OVERLAY_ONLY, SITE_ONLY

_GROUPS = {"standard": "BibTeX", "biblatex": "biblatex", "link": "link", "site": "site only"}


class FieldsDirective(SphinxDirective):
    """A table: field, kind, meaning (with the default link label for links)."""

    def run(self) -> list[nodes.Node]:
        rows = []
        for spec in (*FIELDS, *OVERLAY_ONLY):
            meaning = spec.help + (f" Label: \"{spec.label}\"." if spec.label else "")
            if spec.name in SITE_ONLY and spec.group != "site":
                meaning += " Left out of the BibTeX shown and downloaded."
            rows.append((spec.name, _GROUPS[spec.group], meaning))
        return [table(self, ("Field", "Kind", "Meaning"), rows, widths=(2, 1, 6))]


def table(directive: SphinxDirective, header: tuple[str, ...], rows: list[tuple[str, ...]],
          widths: tuple[int, ...]) -> nodes.table:
    """A table whose first column is literal names and whose last is inline markup."""
    node = nodes.table(classes=["portfolio-fields"])
    group = nodes.tgroup(cols=len(header))
    node += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(directive, header, header=True)
    body = nodes.tbody()
    body.extend(_row(directive, row) for row in rows)
    group += head
    group += body
    return node


def _row(directive: SphinxDirective, cells: tuple[str, ...], header: bool = False) -> nodes.row:
    row = nodes.row()
    for index, text in enumerate(cells):
        paragraph = nodes.paragraph()
        if header:
            paragraph += nodes.Text(text)
        elif index == 0:
            paragraph += nodes.literal(text, text)
        elif index == len(cells) - 1 and text:
            paragraph.extend(directive.parse_text_to_nodes(text)[0].children)
        else:
            paragraph += nodes.Text(text)
        row += nodes.entry("", paragraph)
    return row
