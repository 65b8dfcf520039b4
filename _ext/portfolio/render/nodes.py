"""Elements docutils lacks: a disclosure, a venue badge, an entry's BibTeX block and math
written in a title.

Plain docutils node classes; how each builder writes them is in
:mod:`portfolio.extension.visitors`. A disclosure's label is an attribute, not a node of its
own: a long list has one or two per entry, and every node costs time in every pass over a page.
"""

from __future__ import annotations

from docutils import nodes


class details(nodes.General, nodes.Element):
    """Collapsed content behind its ``label``; ``inline=True`` keeps it within a line of text."""


class badge(nodes.Inline, nodes.TextElement):
    """A short label ("OSDI", "to appear"); ``color`` is a checked CSS colour."""


class bibtex_block(nodes.literal_block):
    """An entry's BibTeX source, shown highlighted."""


class math_text(nodes.inline):
    """Math in running text: ``tex`` is its TeX; the text it holds is its plain form, which
    builders other than HTML show (and search indexes)."""
