"""LaTeX in BibTeX fields, turned into the Unicode text a reader sees.

latexcodec (the codec pybtex itself uses) decodes accents, symbols and dashes. Around it, two small
steps it does not do: text-formatting commands keep their argument (``\\emph{x}`` shows ``x``), and
grouping braces disappear while escaped ones (and ``\\$``, which latexcodec leaves) stay. Unknown
commands stay visible rather than being dropped, so nothing a researcher wrote silently vanishes
(a bare ``%`` is shown, not taken for a comment).

TeX's logos and symbols as TeX users write them (``{\\TeX}``, ``\\LaTeX{}``, ``{\\textbackslash}``)
show as the words and characters they print. Math (``$...$``, ``\\(...\\)``) is read apart:
:func:`math_parts` keeps its TeX for the page (rendered as MathML), and the plain text shows it
as near as Unicode allows ("V²-SfM", "Õ(√m)") for feeds, meta tags and search.

latexcodec reads a string token by token, slowly: a long abstract takes milliseconds. So a value
is cut at its spaces into pieces (a command and its argument, or a ``$...$`` span, stay in one
piece), pieces with nothing for the codec pass through, and each distinct piece is decoded once.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

#: ``\href{url}{text}`` shows its text.
_HREF = re.compile(r"\\href\s*\{[^{}]*\}\s*")
#: Commands whose braced argument is shown as plain text.
_TEXT_COMMANDS = re.compile(
    r"\\(?:emph|textbf|textit|texttt|textsc|textsf|textrm|textup|textmd|textsl|textnormal|"
    r"mbox|text|url|uline|underline|NoCaseChange|MakeUppercase|MakeLowercase)\s*(?=\{)"
)
_BRACES = re.compile(r"\\([{}$])|[{}]")
_SPACES = re.compile(r"\s+")
#: What the codec changes outside commands: dashes, quotes, ``~``, ``?``` and ``!```, comments.
_NEEDS_CODEC = re.compile(r"[\\%`~]|--|''|,,")
#: A piece ending in a command (``\ss``, ``\'``, ``\``) takes the next one as its argument.
_ENDS_IN_COMMAND = re.compile(r"\\(?:[A-Za-z]+|[^A-Za-z])?$")
_MATH_SHIFT = re.compile(r"(?<!\\)\$")
#: What makes a word more than plain text: the codec's characters or a math shift.
_LATEX = re.compile(r"[\\%`~$]|--|''|,,")
_BARE_PERCENT = re.compile(r"(?<!\\)%")


#: Logos and symbols, with the braces or the space that ends them.
_LOGOS = re.compile(r"\{?\\(TeX|LaTeXe|LaTeX|BibTeX|XeTeX|XeLaTeX|LuaTeX|LuaLaTeX|pdfTeX|pdfLaTeX|"
                    r"ConTeXt|AmS|AmSTeX|METAFONT|textbackslash|textbraceleft|textbraceright)\b"
                    r"(?:\{\}|\\ |\}| (?=[^\s]))?")
#: Characters the braces pass would take for markup are kept apart until the end.
_LOGO_TEXT = {"LaTeXe": "LaTeX2ε", "AmS": "AMS", "AmSTeX": "AMS-TeX", "textbackslash": "\ue000",
              "textbraceleft": "\ue001", "textbraceright": "\ue002"}
#: Math spans: ``$$...$$``, ``$...$``, ``\(...\)`` (an escaped ``\$`` is no math shift).
_MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<!\\)\$(.+?)(?<!\\)\$|\\\((.+?)\\\)", re.S)


def _logos(value: str) -> str:
    def replace(match: re.Match[str]) -> str:
        opened = match.group(0).startswith("{") and not match.group(0).endswith("}")
        word = _LOGO_TEXT.get(match.group(1), match.group(1))
        space = " " if match.group(0).endswith((" ", "\\ ")) else ""
        return ("{" if opened else "") + word + space
    return _LOGOS.sub(replace, value)


def math_parts(value: str) -> tuple[tuple[str, str], ...]:
    """A value holding math as ``(text, tex)`` pieces: text pieces have ``tex`` empty, math
    pieces their TeX (and its plain form as ``text``); ``()`` when the value has no math.
    Joined, the texts are :func:`latex_to_text` of the value."""
    if "$" not in value and "\\(" not in value or not _MATH.search(value):
        return ()
    parts: list[tuple[str, str]] = []
    for piece, tex in _math_pieces(value):
        parts.append((math_to_text(tex), tex) if tex else (_decode_text(piece), ""))
    return _spaced(parts)


def _math_pieces(value: str) -> list[tuple[str, str]]:
    """``(text, "")`` and ``("", tex)`` pieces of *value*, in order."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in _MATH.finditer(value):
        if match.start() > position:
            pieces.append((value[position:match.start()], ""))
        tex = _grouping(next(g for g in match.groups() if g is not None).strip())
        if tex:
            pieces.append(("", tex))
        position = match.end()
    if position < len(value):
        pieces.append((value[position:], ""))
    return pieces


def _grouping(tex: str) -> str:
    """Math whose grouping braces were escaped (``\\tilde\\{O\\}``, so that a site generator
    leaves them alone) with its braces back: ``\\{`` groups, ``\\\\{`` is a brace."""
    if not re.search(r"(?:\\[a-zA-Z]+|[\^_])\\\{", tex):
        return tex
    return re.sub(r"\\\\([{}])|\\([{}])",
                  lambda m: "\\" + m.group(1) if m.group(1) else m.group(2), tex)


def _spaced(parts: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Pieces with single spaces between words, none at either end."""
    out: list[tuple[str, str]] = []
    for text, tex in parts:
        if not tex:
            text = _SPACES.sub(" ", text)
        if out and not out[-1][1] and not tex:
            out[-1] = (out[-1][0] + text, "")
        elif text:
            out.append((text, tex))
    if out and not out[0][1]:
        out[0] = (out[0][0].lstrip(), "")
    if out and not out[-1][1]:
        out[-1] = (out[-1][0].rstrip(), "")
    return tuple((t, tex) for t, tex in out if t)


_SUPERSCRIPTS = dict(zip("0123456789+-=()niaeoxh", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵃᵉᵒˣʰ"))
_SUBSCRIPTS = dict(zip("0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ"))
_ACCENTS = {"tilde": "\u0303", "hat": "\u0302", "widehat": "\u0302", "widetilde": "\u0303",
            "bar": "\u0304", "overline": "\u0305", "vec": "\u20d7", "dot": "\u0307",
            "ddot": "\u0308"}
_MATH_SYMBOLS = {"sqrt": "√", "cdot": "·", "times": "×", "leq": "≤", "geq": "≥", "le": "≤",
                 "ge": "≥", "neq": "≠", "pm": "±", "infty": "∞", "to": "→", "rightarrow": "→",
                 "log": "log", "ln": "ln", "exp": "exp", "sin": "sin", "cos": "cos",
                 "max": "max", "min": "min", "in": "∈", "approx": "≈", "sim": "∼", "ell": "ℓ",
                 "dagger": "†", "ast": "∗", "star": "⋆", "circ": "∘", "prime": "′",
                 "ldots": "…", "cdots": "⋯", "partial": "∂", "nabla": "∇", "sum": "∑",
                 "prod": "∏", "int": "∫", "forall": "∀", "exists": "∃", "emptyset": "∅",
                 "backslash": "\\", "lbrace": "{", "rbrace": "}", "vert": "|", "mid": "|",
                 "langle": "⟨", "rangle": "⟩", "cup": "∪", "cap": "∩", "subset": "⊂",
                 "subseteq": "⊆", "neg": "¬", "wedge": "∧", "vee": "∨", "oplus": "⊕",
                 "otimes": "⊗", "mapsto": "↦", "leftarrow": "←", "Rightarrow": "⇒",
                 "Leftrightarrow": "⇔", "equiv": "≡", "propto": "∝", "quad": " ", "qquad": " "}
_GROUP = r"\{((?:[^{}]|\{[^{}]*\})*)\}"


@lru_cache(maxsize=4096)
def math_to_text(tex: str) -> str:
    """TeX math as the Unicode text nearest to what it shows: "V^{2}" → "V²"."""
    tex = tex.replace("\\{", "\ue001").replace("\\}", "\ue002")  # braces shown, not groups
    text = re.sub(r"\\(?:mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|mathfrak|boldsymbol|"
                  r"text|textrm|textbf|textit|operatorname|mbox)\s*" + _GROUP, r"\1", tex)
    text = re.sub(r"\\frac\s*" + _GROUP + r"\s*" + _GROUP, r"\1/\2", text)
    text = re.sub(r"\\sqrt\s*" + _GROUP,
                  lambda m: "√" + (m.group(1) if len(m.group(1)) == 1 else f"({m.group(1)})"), text)
    text = re.sub(r"\\(" + "|".join(_ACCENTS) + r")\s*(?:" + _GROUP + r"|(\w))",
                  lambda m: (m.group(2) or m.group(3)) + _ACCENTS[m.group(1)], text)
    text = re.sub(r"\\(?:left|right|big|Big|bigg|Bigg)(?![a-zA-Z])", "", text)
    text = re.sub(r"\\([,;:! ])|~", " ", text)
    text = re.sub(r"\\([a-zA-Z]+)", lambda m: _MATH_SYMBOLS.get(m.group(1)) or _symbol(m.group(0)),
                  text)
    text = re.sub(r"([\^_])\s*(?:" + _GROUP + r"|(\\?.))",
                  lambda m: _script(m.group(1), m.group(2) if m.group(2) is not None else m.group(3)),
                  text)
    text = re.sub(r"\\([{}$%&#_])", r"\1", text).replace("{", "").replace("}", "")
    text = text.replace("\ue001", "{").replace("\ue002", "}")
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text).strip())


#: Greek letters whose TeX form is not the plain letter's (TeX's \\epsilon is ϵ, \\varepsilon ε).
_GREEK_FORMS = {"epsilon": "ϵ", "phi": "ϕ", "varepsilon": "ε", "varphi": "φ", "vartheta": "ϑ",
                "varrho": "ϱ", "varsigma": "ς", "varpi": "ϖ", "varkappa": "ϰ"}


def _symbol(command: str) -> str:
    """A Greek letter, a math command the codec knows, else the command's name."""
    name = command[1:]
    if name in _GREEK_FORMS:
        return _GREEK_FORMS[name]
    greek = "SMALL" if name.islower() else "CAPITAL"
    try:
        return unicodedata.lookup(f"GREEK {greek} LETTER {name.removeprefix('var').upper()}")
    except KeyError:
        pass
    try:
        decoded = codecs.decode(command, "ulatex")
    except Exception:
        decoded = command
    return decoded if not decoded.startswith("\\") else decoded[1:]


def _script(kind: str, text: str) -> str:
    table = _SUPERSCRIPTS if kind == "^" else _SUBSCRIPTS
    text = text.replace("{", "").replace("}", "")
    if text and all(c in table for c in text):
        return "".join(table[c] for c in text)
    if len(text) > 1:
        return f"{kind}({text})"
    return f"{kind}{text}" if text.isalnum() else text


@lru_cache(maxsize=1 << 16)
def latex_to_text(value: str) -> str:
    """Decode one BibTeX field value; each distinct string is decoded once per process."""
    if not value:
        return ""
    if ("$" in value or "\\(" in value) and _MATH.search(value):
        return "".join(text for text, _ in math_parts(value))
    return _decode_text(value)


def _decode_text(value: str) -> str:
    """:func:`latex_to_text` of text that holds no math."""
    text = value
    if "\\" in text:
        text = value = _logos(value)
    if _NEEDS_CODEC.search(value):
        text = _TEXT_COMMANDS.sub("", _HREF.sub("", value))
        # The words before the first one that holds LaTeX pass as they are (an abstract often
        # has a single "3--5$\times$" near its end).
        first = _LATEX.search(text)
        cut = first.start() if first else len(text)
        while cut and not text[cut - 1].isspace():
            cut -= 1
        text = " ".join([*text[:cut].split(), *map(_decode_piece, _pieces(text[cut:]))])
    if "{" in text or "}" in text or "$" in text:
        text = _BRACES.sub(lambda m: m.group(1) or "", text)
    # keep a space at either end: the text may sit next to math
    lead = " " if value[:1].isspace() else ""
    trail = " " if value[-1:].isspace() or value.endswith("~") else ""
    text = lead + _SPACES.sub(" ", text).strip() + trail
    return text.replace("\ue000", "\\").replace("\ue001", "{").replace("\ue002", "}")


def _pieces(text: str):
    """Split at spaces, keeping a command with its argument and ``$...$`` together."""
    current: list[str] = []
    open_math = False
    for word in text.split():
        current.append(word)
        if "$" in word:
            open_math ^= len(_MATH_SHIFT.findall(word)) % 2 == 1
        if not open_math and ("\\" not in word or not _ENDS_IN_COMMAND.search(word)):
            yield " ".join(current)
            current = []
    if current:
        yield " ".join(current)


@lru_cache(maxsize=1 << 16)
def _decode_piece(piece: str) -> str:
    if not _NEEDS_CODEC.search(piece):
        return piece
    try:
        return codecs.decode(_BARE_PERCENT.sub(r"\\%", piece), "ulatex")
    except Exception:
        return piece
