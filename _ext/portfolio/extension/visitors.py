"""How each builder writes the elements of :mod:`portfolio.render.nodes`.

HTML gets ``<details>``/``<summary>``, which open by keyboard and need no JavaScript. Other
builders show the content in place: a block disclosure as its label in bold then its content
(the BibTeX as a literal block, the abstract as a paragraph); an inline one (the hidden authors)
as its content only, so the text reads as the full list. A BibTeX block is a literal block that
HTML highlights (see :mod:`portfolio.extension.highlight`); other builders treat it as the
literal block it is. Math in a title is MathML in HTML, made at build time (nothing is
loaded from another host), and its plain text elsewhere.
"""

from __future__ import annotations

from typing import cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator

from ..render.nodes import badge, bibtex_block, details, math_text
from ..text.mathml import mathml
from .domain import PortfolioDomain
from .highlight import highlight_bibtex


def visit_details_html(self: SphinxTranslator, node: details) -> None:
    self.body.append(self.starttag(node, "details", "")
                     + f"<summary>{self.encode(node['label'])}</summary>")


def depart_details_html(self: SphinxTranslator, node: details) -> None:
    self.body.append("</details>" + ("" if node.get("inline") else "\n"))


def visit_badge_html(self: SphinxTranslator, node: badge) -> None:
    attributes = {"style": f"--pub-badge-color: {node['color']}"} if node.get("color") else {}
    if node.get("title"):
        attributes["title"] = node["title"]
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_badge_html(self: SphinxTranslator, node: badge) -> None:
    self.body.append("</span>")


def visit_bibtex_block_html(self: SphinxTranslator, node: bibtex_block) -> None:
    # The same markup Sphinx writes for a ``bibtex`` literal block.
    domain = cast(PortfolioDomain, self.builder.env.get_domain("portfolio"))
    formatter = domain.bibtex_formatter(self.highlighter)
    self.body.append(self.starttag(node, "div", suffix="", CLASS="highlight-bibtex notranslate")
                     + highlight_bibtex(node.rawsource, formatter) + "</div>\n")
    raise nodes.SkipNode


def visit_math_text_html(self: SphinxTranslator, node: math_text) -> None:
    markup = mathml(node["tex"])
    if markup is None:
        return  # the plain text is written as the element's text
    self.body.append(self.starttag(node, "span", "", CLASS="pub-math") + markup + "</span>")
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
    # Other builders write it as the inline it is, holding its plain text.
    app.add_node(math_text, html=(visit_math_text_html, passthrough))
    app.add_node(badge, html=(visit_badge_html, depart_badge_html),
                 text=(visit_badge_text, depart_badge_text), latex=block, man=block,
                 texinfo=block)
