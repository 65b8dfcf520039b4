"""BibTeX blocks: the tokens made for an exported entry are exactly Pygments' own
(portfolio.extension.highlight)."""

from __future__ import annotations

import pytest
from pygments import highlight, lex
from pygments.formatters import HtmlFormatter
from pygments.lexers.bibtex import BibTeXLexer

from portfolio.extension.highlight import exported_tokens, highlight_bibtex

EXPORTED = [
    "@inproceedings{zhang2024caravan,\n  author = {Zhang, Qizheng and Doe, J.},\n"
    "  title = {{Caravan}: Practical {GPU} {\\\"U}ber},\n  year = {2024},\n}\n",
    "@misc{DBLP:conf/osdi/X,\n  title = {100\\% of {a {b {c}}}},\n}\n",
    "@article{k,\n  note = {},\n}\n",
]
OTHER = [
    "@comment{not an entry}\n",
    "@inproceedings{k,\n  title = {Unbalanced {brace},\n}\n",
    "@article{k,\n  title = \"quoted\",\n}\n",
    "@string{x = {y}}\n",
    "just text\n",
]


@pytest.mark.parametrize("text", EXPORTED)
def test_exported_tokens_are_the_lexers(text):
    tokens = exported_tokens(text)
    assert tokens is not None
    assert [(kind, value) for kind, value in tokens] == list(lex(text, BibTeXLexer()))


@pytest.mark.parametrize("text", OTHER)
def test_other_text_is_left_to_the_lexer(text):
    assert exported_tokens(text) is None


@pytest.mark.parametrize("text", EXPORTED + OTHER)
def test_highlighting_equals_pygments(text):
    formatter = HtmlFormatter()
    assert highlight_bibtex(text, formatter) == highlight(text, BibTeXLexer(), formatter)
