"""YAML data files, loaded safely, with the line of every value and schema validation.

Only YAML's safe constructors are used, so a Python object tag is an error, not code. The
parser's events are checked first, without recursion, so an alias bomb, absurd nesting or a huge
value stops with a clear problem instead of exhausting memory or the stack. Each value's line
is kept by its path, which lets a schema error point at the line that holds the bad value.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..model import Location, Problem
from ..text.characters import without_forbidden
from .files import NotAFileError, not_a_file_message, read_bytes

if TYPE_CHECKING:
    import jsonschema

#: Largest number of values one file may expand to (aliases included).
MAX_VALUES = 2_000_000
#: Deepest nesting accepted.
MAX_DEPTH = 64
_TOO_DEEP = f"values are nested deeper than {MAX_DEPTH} levels; flatten the data"
#: Longest text value accepted (an abstract is a few thousand characters).
MAX_TEXT = 100_000

#: libyaml's loader when installed (fast on large files), else PyYAML's own; both are safe.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Tags of the plain YAML collections; any other tag on a collection is refused.
_PLAIN_COLLECTIONS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})

PathKey = tuple[Any, ...]


@dataclass
class YamlData:
    """A loaded data file: its value, the line of each value by path, and what went wrong."""

    path: Path
    value: Any = None
    lines: dict[PathKey, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def location(self, *keys: Any) -> Location:
        """The location of the value at *keys*, or of its nearest parent that has one."""
        while keys and keys not in self.lines:
            keys = keys[:-1]
        return Location(str(self.path), self.lines.get(keys))

    def problem(self, message: str, *keys: Any, subtype: str = "yaml") -> None:
        self.problems.append(Problem(message, self.location(*keys), subtype))


class _Refused(Exception):
    """The file is too large, too deep or holds a value this loader does not build."""

    def __init__(self, message: str, mark: Any = None):
        super().__init__(message)
        self.line = mark.line + 1 if mark is not None else None


def _check_shape(text: str) -> None:
    """Walk the parser's events (iteratively: no recursion, nothing built) and refuse a file
    nested too deeply, expanding through aliases to too many values, or holding huge text,
    before anything recursive or costly touches it."""
    sizes: dict[str, int] = {}
    open_: list[list[Any]] = []  # [anchor, expanded size] of each open collection

    def add(count: int, mark: Any) -> None:
        if open_:
            open_[-1][1] += count
            if open_[-1][1] > MAX_VALUES:
                raise _Refused(f"the file expands to more than {MAX_VALUES:,} values (aliases "
                               "included); remove the repeated aliases", mark)

    for event in _events(text):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            open_.append([event.anchor, 1])
            if len(open_) > MAX_DEPTH:
                raise _Refused(_TOO_DEEP, event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            anchor, size = open_.pop()
            if anchor:
                sizes[anchor] = size
            add(size, event.start_mark)
        elif isinstance(event, yaml.ScalarEvent):
            if len(event.value) > MAX_TEXT:
                raise _Refused(f"a value is {len(event.value):,} characters long, more than "
                               f"the {MAX_TEXT:,} allowed; shorten it", event.start_mark)
            if event.anchor:
                sizes[event.anchor] = 1
            add(1, event.start_mark)
        elif isinstance(event, yaml.AliasEvent):
            add(sizes.get(event.anchor, 1), event.start_mark)


def _events(text: str) -> Iterator[yaml.Event]:
    """The parser's events, one at a time."""
    try:
        yield from yaml.parse(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # libyaml 0.2.6 has a nesting limit of its own (1,000 levels), met while it scans
        # ahead of the first event: the same problem, told in the same words.
        if "maximum nesting depth" in (exc.problem or ""):
            raise _Refused(_TOO_DEEP, exc.problem_mark) from exc
        raise


class _Builder:
    """Turns composed YAML nodes into plain Python values, recording lines by path."""

    def __init__(self, loader: Any, lines: dict[PathKey, int]):
        self.loader = loader
        self.lines = lines

    def build(self, node: yaml.Node, path: PathKey = ()) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_COLLECTIONS:
            raise _Refused(f"the tag {node.tag!r} is not allowed in data files; remove it",
                           node.start_mark)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                if isinstance(key, (dict, list)):
                    raise yaml.constructor.ConstructorError(
                        None, None, "a mapping key must be a plain value", key_node.start_mark
                    )
                result[key] = self.build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        try:
            value = self.loader.construct_object(node, deep=True)
        except ValueError as exc:  # a date YAML recognises but the calendar lacks: 2024-13-01
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a real date ({exc})", node.start_mark) from exc
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, str):
            return without_forbidden(value)  # written as escapes ("\x07") in quoted text
        return value


def load_yaml(path: Path, *, required: bool = True) -> YamlData:
    """Read *path*; every failure becomes a located problem, never an exception."""
    data = YamlData(path)
    try:
        raw = read_bytes(path)
    except FileNotFoundError:
        if required:
            data.problem(f"data file not found: {path}; create it or fix its path",
                         subtype="missing_file")
        return data
    except NotAFileError as exc:
        data.problem(not_a_file_message(exc, "fix its path"),
                     subtype="not_a_file")
        return data
    except OSError as exc:
        data.problem(f"cannot read data file: {exc.strerror}", subtype="missing_file")
        return data
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        data.problems.append(Problem(
            f"this file is not UTF-8 (byte {exc.start}); save it as UTF-8",
            Location(str(path), raw[: exc.start].count(b"\n") + 1), "yaml"))
        return data
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> YamlData:
    """YAML *text* read from *path* (a part of a file, such as a page's front matter, may be
    padded with blank lines so that lines are the file's); problems are located, never raised."""
    data = YamlData(path)
    loader = None
    try:
        _check_shape(text)
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            data.problem("the file is empty; add data or remove the directive that uses it",
                         subtype="empty_file")
            return data
        data.value = _Builder(loader, data.lines).build(node)
    except yaml.MarkedYAMLError as exc:
        data.problems.append(_syntax_problem(path, exc))
        data.value = None
    except _Refused as exc:
        data.problems.append(Problem(f"cannot load this file: {exc}", Location(str(path), exc.line),
                                     "yaml"))
        data.value = None
    except (yaml.YAMLError, RecursionError) as exc:
        data.problem(f"cannot load this file: {exc}")
        data.value = None
    finally:
        if loader is not None:
            loader.dispose()
    return data


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    """Name the line and column where the YAML breaks, and where the broken part began."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    column = f", column {mark.column + 1}" if mark else ""
    reason = exc.problem or "invalid YAML"
    if exc.context and exc.context_mark:
        start = exc.context_mark
        reason += f" ({exc.context} that starts at line {start.line + 1}, column {start.column + 1})"
    return Problem(f"YAML syntax error{column}: {reason}; fix the YAML (check quotes, colons "
                   "and indentation)", Location(str(path), line), "yaml")


@cache
def schema(name: str) -> dict[str, Any]:
    """The JSON Schema a data file of kind *name* must satisfy (shipped in ``schemas/``)."""
    text = (resources.files(__package__) / "schemas" / f"{name}.json").read_text("utf-8")
    return json.loads(text)


def validate(data: YamlData, declared: dict[str, Any]) -> list[PathKey]:
    """Check *data* against a JSON Schema; add one located problem per error.

    Returns the paths of the invalid values, so callers can keep the valid rest.
    """
    if data.value is None:
        return []
    import jsonschema  # here: importing it costs a no-change rebuild a tenth of a second

    validator = jsonschema.Draft202012Validator(declared)
    errors = sorted(validator.iter_errors(data.value), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        data.problem(_describe(error), *error.absolute_path, subtype="schema")
    return [tuple(error.absolute_path) for error in errors]


def _describe(error: jsonschema.ValidationError) -> str:
    where = " > ".join(f"item {p + 1}" if isinstance(p, int) else str(p)
                       for p in error.absolute_path) or "the top level"
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        unknown = [k for k in error.instance if k not in allowed]
        hints = []
        for key in unknown:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hints.append(f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        return (f"unknown field {', '.join(hints)} at {where}; "
                f"allowed fields: {', '.join(allowed)}")
    if error.validator == "required":
        return f"missing required field at {where}: {error.message}"
    if error.validator == "type":
        expected = error.schema["type"]
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"{where} must be {_article(expected)}, not {_article(_type_name(error.instance))}"
    return f"{where}: {error.message}"


def _type_name(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer",
            float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def _article(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word
