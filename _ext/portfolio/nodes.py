"""Elements docutils lacks: a disclosure (``<details>``), a venue badge and an entry's BibTeX
block, for every builder.

HTML gets ``<details>``/``<summary>``, which open by keyboard and need no JavaScript. Other
builders show the content in place: a block disclosure as its summary in bold then its content
(the BibTeX as a literal block, the abstract as a paragraph); an inline one (the hidden authors)
as its content only, so the text reads as the full list.

A BibTeX block is a literal block that HTML highlights with one Pygments lexer and formatter for
the whole build (Sphinx makes both anew for each block, a third of the cost of a long list);
other builders treat it as the literal block it is.
"""

from __future__ import annotations

from functools import cache

from docutils import nodes
from pygments import highlight
from pygments.formatter import Formatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator


class details(nodes.General, nodes.Element):
    """Collapsed content; ``inline=True`` keeps it within a line of text."""


class summary(nodes.TextElement):
    """The always-visible label of a :class:`details`."""


class badge(nodes.Inline, nodes.TextElement):
    """A short label ("OSDI", "to appear"); ``color`` is a checked CSS colour."""


class bibtex_block(nodes.literal_block):
    """An entry's BibTeX source, shown highlighted."""


def _inline(node: nodes.Element) -> bool:
    return bool(node.parent is not None and node.parent.get("inline"))


def visit_details_html(self: SphinxTranslator, node: details) -> None:
    self.body.append(self.starttag(node, "details", ""))


def depart_details_html(self: SphinxTranslator, node: details) -> None:
    self.body.append("</details>" + ("" if node.get("inline") else "\n"))


def visit_summary_html(self: SphinxTranslator, node: summary) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def depart_summary_html(self: SphinxTranslator, node: summary) -> None:
    self.body.append("</summary>")


def visit_badge_html(self: SphinxTranslator, node: badge) -> None:
    attributes = {"style": f"--pub-badge-color: {node['color']}"} if node.get("color") else {}
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_badge_html(self: SphinxTranslator, node: badge) -> None:
    self.body.append("</span>")


@cache
def _pygments(formatter: type[Formatter], style: object) -> tuple[Lexer, Formatter]:
    return get_lexer_by_name("bibtex"), formatter(style=style)


def visit_bibtex_block_html(self: SphinxTranslator, node: bibtex_block) -> None:
    # The same markup Sphinx writes for a ``bibtex`` literal block.
    bridge = self.highlighter
    lexer, formatter = _pygments(bridge.formatter, bridge.formatter_args["style"])
    self.body.append(self.starttag(node, "div", suffix="", CLASS="highlight-bibtex notranslate")
                     + highlight(node.rawsource, lexer, formatter) + "</div>\n")
    raise nodes.SkipNode


def visit_summary_text(self: SphinxTranslator, node: summary) -> None:
    if _inline(node):
        raise nodes.SkipNode
    self.new_state(0)


def depart_summary_text(self: SphinxTranslator, node: summary) -> None:
    self.end_state()


def visit_summary_latex(self: SphinxTranslator, node: summary) -> None:
    if _inline(node):
        raise nodes.SkipNode
    self.body.append("\n\n\\noindent\\textbf{")


def depart_summary_latex(self: SphinxTranslator, node: summary) -> None:
    self.body.append("}\\par\n")


def skip_unless_block(self: SphinxTranslator, node: summary) -> None:
    if _inline(node):
        raise nodes.SkipNode


def visit_badge_text(self: SphinxTranslator, node: badge) -> None:
    self.add_text("[")


def depart_badge_text(self: SphinxTranslator, node: badge) -> None:
    self.add_text("]")


def passthrough(self: SphinxTranslator, node: nodes.Node) -> None:
    pass


def setup_nodes(app: Sphinx) -> None:
    block = (passthrough, passthrough)
    app.add_node(details, html=(visit_details_html, depart_details_html), latex=block,
                 text=block, man=block, texinfo=block)
    app.add_node(summary, html=(visit_summary_html, depart_summary_html),
                 latex=(visit_summary_latex, depart_summary_latex),
                 text=(visit_summary_text, depart_summary_text),
                 man=(skip_unless_block, passthrough), texinfo=(skip_unless_block, passthrough))
    # Other builders find the literal block visitors by the node's base class.
    app.add_node(bibtex_block, html=(visit_bibtex_block_html, passthrough))
    app.add_node(badge, html=(visit_badge_html, depart_badge_html),
                 text=(visit_badge_text, depart_badge_text), latex=block, man=block,
                 texinfo=block)
