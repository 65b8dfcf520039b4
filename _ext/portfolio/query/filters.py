"""The ``:filter:`` expression of the ``publications`` directive.

A tiny, safe language parsed with Python's ``ast``: comparisons, ``in``, ``and``/``or``/``not``,
string and number constants, and names for the entry's data (``year``, ``type``, ``venue``,
``keywords``, ``selected``, ... or any BibTeX field). No calls, attributes or subscripts, so a
filter can never run code, and no nesting deeper than :data:`MAX_DEPTH`, so evaluating one
never exhausts the stack.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any

from ..model import Publication

_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
    ast.In: lambda a, b: _contains(b, a), ast.NotIn: lambda a, b: not _contains(b, a),
}


#: Deepest nesting of a filter (``not (a or (b and ...))``); real filters have a few levels.
MAX_DEPTH = 50


class FilterError(ValueError):
    """The expression cannot be used; the message says why."""


def _contains(container: Any, item: Any) -> bool:
    if isinstance(container, str):
        return str(item).casefold() in container.casefold()
    if isinstance(container, (list, tuple, set, frozenset)):
        folded = {str(c).casefold() for c in container}
        return str(item).casefold() in folded
    return False


def publication_names(pub: Publication) -> dict[str, Any]:
    """The names a filter expression can use for *pub*."""
    return {
        "key": pub.key, "type": pub.entry_type, "title": pub.title, "year": pub.year or 0,
        "month": pub.month or 0, "venue": pub.venue, "abbr": pub.venue_short,
        "keywords": pub.keywords, "selected": pub.selected,
        "authors": tuple(a.name for a in pub.authors), "awards": pub.awards,
        "award": bool(pub.awards),
    }


def compile_filter(text: str) -> Callable[[Publication], bool]:
    """Parse *text* once; raise :class:`FilterError` with the reason when it is not valid."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        column = f" at column {exc.offset}" if exc.offset else ""
        raise FilterError(f"cannot parse filter {_short(text)}{column}: {exc.msg}") from None
    except (RecursionError, MemoryError, ValueError):  # Python's parser gives up on deep nesting
        raise FilterError(f"filter {_short(text)} is nested too deeply to read; write it with "
                          f"at most {MAX_DEPTH} levels") from None
    _check(tree.body, text)

    def matches(pub: Publication) -> bool:
        return bool(_eval(tree.body, publication_names(pub), pub.fields))

    return matches


def _short(text: str) -> str:
    """The filter as the message quotes it: a long one is cut."""
    return repr(text) if len(text) <= 80 else repr(text[:60]) + f" ({len(text):,} characters)"


def _check(node: ast.AST, text: str) -> None:
    """Refuse any node filters do not allow, and nesting deeper than :data:`MAX_DEPTH`
    (walked without recursion)."""
    allowed = (ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.Compare, ast.Name,
               ast.Load, ast.Constant, ast.List, ast.Tuple, ast.Set, *_COMPARE)
    pending = [(node, 1)]
    while pending:
        child, depth = pending.pop()
        if not isinstance(child, allowed):
            raise FilterError(
                f"filter {_short(text)} uses {type(child).__name__}, which filters do not "
                "allow; use names, constants, comparisons, 'in', 'and', 'or' and 'not'")
        if depth > MAX_DEPTH:
            raise FilterError(f"filter {_short(text)} is nested more than {MAX_DEPTH} levels "
                              "deep; write it with fewer levels")
        pending.extend((grandchild, depth + isinstance(grandchild, ast.expr))
                       for grandchild in ast.iter_child_nodes(child))


def _eval(node: ast.AST, names: dict[str, Any], fields: dict[str, str]) -> Any:
    if isinstance(node, ast.BoolOp):
        values = (_eval(v, names, fields) for v in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.UnaryOp):
        return not _eval(node.operand, names, fields)
    if isinstance(node, ast.Compare):
        left = _eval(node.left, names, fields)
        for op, right_node in zip(node.ops, node.comparators):
            right = _eval(right_node, names, fields)
            try:
                if not _COMPARE[type(op)](left, right):
                    return False
            except TypeError:
                return False
            left = right
        return True
    if isinstance(node, ast.Name):
        return names[node.id] if node.id in names else fields.get(node.id.lower(), "")
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [_eval(e, names, fields) for e in node.elts]
    raise FilterError(f"unsupported expression {ast.dump(node)}")  # pragma: no cover
