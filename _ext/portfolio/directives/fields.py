"""The ``portfolio-fields`` directive: the table of supported fields, from ``fields.py``."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..fields import FIELDS, OVERLAY_ONLY, SITE_ONLY

_GROUPS = {"standard": "BibTeX", "biblatex": "biblatex", "link": "link", "site": "site only"}


class FieldsDirective(SphinxDirective):
    """A table: field, kind, meaning (with the default link label for links)."""

    def run(self) -> list[nodes.Node]:
        table = nodes.table(classes=["portfolio-fields"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (2, 1, 6):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += self._row("Field", "Kind", "Meaning")
        body = nodes.tbody()
        for spec in (*FIELDS, *OVERLAY_ONLY):
            meaning = spec.help + (f" Label: \"{spec.label}\"." if spec.label else "")
            if spec.name in SITE_ONLY and spec.group != "site":
                meaning += " Left out of the BibTeX shown and downloaded."
            body += self._row(spec.name, _GROUPS[spec.group], meaning, literal=True)
        group += head
        group += body
        return [table]

    def _row(self, *cells: str, literal: bool = False) -> nodes.row:
        row = nodes.row()
        for index, text in enumerate(cells):
            paragraph = nodes.paragraph()
            if literal and index == 0:
                paragraph += nodes.literal(text, text)
            else:
                paragraph.extend(self.parse_text_to_nodes(text)[0].children
                                 if index == 2 else [nodes.Text(text)])
            row += nodes.entry("", paragraph)
        return row
