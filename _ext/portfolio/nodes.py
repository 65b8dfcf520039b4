"""Elements docutils lacks: a disclosure (``<details>``), a venue badge and an entry's BibTeX
block, for every builder.

HTML gets ``<details>``/``<summary>``, which open by keyboard and need no JavaScript. Other
builders show the content in place: a block disclosure as its label in bold then its content
(the BibTeX as a literal block, the abstract as a paragraph); an inline one (the hidden authors)
as its content only, so the text reads as the full list. The label is an attribute, not a node
of its own: a long list has one disclosure or two per entry, and every node costs time in every
pass over the page.

A BibTeX block is a literal block that HTML highlights with one Pygments formatter for the whole
build (Sphinx makes a lexer and a formatter anew for each block, a third of the cost of a long
list) and, for the entries the extension exports, without lexing (see :mod:`portfolio.highlight`);
other builders treat it as the literal block it is.
"""

from __future__ import annotations

from functools import cache

from docutils import nodes
from pygments.formatter import Formatter
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator

from .highlight import highlight_bibtex


class details(nodes.General, nodes.Element):
    """Collapsed content behind its ``label``; ``inline=True`` keeps it within a line of text."""


class badge(nodes.Inline, nodes.TextElement):
    """A short label ("OSDI", "to appear"); ``color`` is a checked CSS colour."""


class bibtex_block(nodes.literal_block):
    """An entry's BibTeX source, shown highlighted."""


def visit_details_html(self: SphinxTranslator, node: details) -> None:
    self.body.append(self.starttag(node, "details", "")
                     + f"<summary>{self.encode(node['label'])}</summary>")


def depart_details_html(self: SphinxTranslator, node: details) -> None:
    self.body.append("</details>" + ("" if node.get("inline") else "\n"))


def visit_badge_html(self: SphinxTranslator, node: badge) -> None:
    attributes = {"style": f"--pub-badge-color: {node['color']}"} if node.get("color") else {}
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_badge_html(self: SphinxTranslator, node: badge) -> None:
    self.body.append("</span>")


@cache
def _formatter(formatter: type[Formatter], style: object) -> Formatter:
    return formatter(style=style)


def visit_bibtex_block_html(self: SphinxTranslator, node: bibtex_block) -> None:
    # The same markup Sphinx writes for a ``bibtex`` literal block.
    bridge = self.highlighter
    formatter = _formatter(bridge.formatter, bridge.formatter_args["style"])
    self.body.append(self.starttag(node, "div", suffix="", CLASS="highlight-bibtex notranslate")
                     + highlight_bibtex(node.rawsource, formatter) + "</div>\n")
    raise nodes.SkipNode


def visit_details_text(self: SphinxTranslator, node: details) -> None:
    if not node.get("inline"):
        self.new_state(0)
        self.add_text(node["label"])
        self.end_state()


def visit_details_latex(self: SphinxTranslator, node: details) -> None:
    if not node.get("inline"):
        self.body.append(f"\n\n\\noindent\\textbf{{{self.encode(node['label'])}}}\\par\n")


def visit_details_man(self: SphinxTranslator, node: details) -> None:
    if not node.get("inline"):
        if self.body and not self.body[-1].endswith("\n"):
            self.body.append("\n")
        self.body.append(".sp\n")
        self.visit_Text(nodes.Text(node["label"]))
        self.body.append("\n.sp\n")


def visit_details_texinfo(self: SphinxTranslator, node: details) -> None:
    if not node.get("inline"):
        self.visit_Text(nodes.Text(node["label"]))
        self.body.append("\n\n")


def visit_badge_text(self: SphinxTranslator, node: badge) -> None:
    self.add_text("[")


def depart_badge_text(self: SphinxTranslator, node: badge) -> None:
    self.add_text("]")


def passthrough(self: SphinxTranslator, node: nodes.Node) -> None:
    pass


def setup_nodes(app: Sphinx) -> None:
    block = (passthrough, passthrough)
    app.add_node(details, html=(visit_details_html, depart_details_html),
                 latex=(visit_details_latex, passthrough), text=(visit_details_text, passthrough),
                 man=(visit_details_man, passthrough),
                 texinfo=(visit_details_texinfo, passthrough))
    # Other builders find the literal block visitors by the node's base class.
    app.add_node(bibtex_block, html=(visit_bibtex_block_html, passthrough))
    app.add_node(badge, html=(visit_badge_html, depart_badge_html),
                 text=(visit_badge_text, depart_badge_text), latex=block, man=block,
                 texinfo=block)
