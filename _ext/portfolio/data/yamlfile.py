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
from collections.abc import Callable
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
#: Schema problems reported one by one in a file; one more problem counts the rest.
MAX_REPORTED = 100

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


_MERGE = object()  #: the key ``<<``: the mapping (or mappings) it names are merged in


@dataclass
class _Open:
    """A collection being built: its value so far, where it is, and its expanded size."""

    value: Any
    path: PathKey
    anchor: str | None
    start: Any  #: the parser's mark where it starts
    is_map: bool
    size: int = 1
    key: Any = None  #: in a mapping, the key whose value comes next
    has_key: bool = False  #: whether that key has been read (else a key comes next)
    merges: list[dict[Any, Any]] = field(default_factory=list)


class _Builder:
    """Plain Python values built straight from the parser's events, without recursion.

    One pass does what composing nodes and constructing values did, at a fraction of the time
    and memory: each value's line is recorded by its path, and a file nested too deeply,
    expanding through aliases to too many values, or holding huge text is refused where it
    goes wrong. An alias is the value its anchor built (shared, as YAML means it), its lines
    those of the alias. Mapping keys are text, as written: data files are keyed by names, and
    a name such as ``2024``, ``yes`` or ``null`` is not a number, a truth value or nothing.
    """

    def __init__(self, loader: Any, lines: dict[PathKey, int]):
        self.loader = loader
        self.lines = lines
        self.open: list[_Open] = []
        #: anchor -> value, expanded size (0 while it is being built), text of a scalar
        self.anchors: dict[str, tuple[Any, int, str | None]] = {}
        self.root: Any = None
        self.documents = 0
        resolvers = loader.yaml_implicit_resolvers
        #: First characters of the plain scalars that YAML may read as other than text (a
        #: number, a date, true, null); any other plain scalar is text, read without a lookup.
        self.typed_starts = frozenset(resolvers) if None not in resolvers else None

    def build(self) -> tuple[bool, Any]:
        """``(found, value)``: whether the stream held a document, and its value."""
        get_event = self.loader.get_event
        scalar, scalar_event, stream_end = self.scalar, yaml.ScalarEvent, yaml.StreamEndEvent
        others = {yaml.MappingStartEvent: self.start, yaml.SequenceStartEvent: self.start,
                  yaml.MappingEndEvent: self.end, yaml.SequenceEndEvent: self.end,
                  yaml.AliasEvent: self.alias, yaml.DocumentStartEvent: self.document}
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                scalar(event)
            elif kind is stream_end:
                return self.documents > 0, self.root
            elif kind in others:
                others[kind](event)

    def document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise yaml.composer.ComposerError(
                None, None, "a second document starts here (---); a data file holds one",
                event.start_mark)

    def scalar(self, event: yaml.ScalarEvent) -> None:
        text, tag = event.value, event.tag
        if len(text) > MAX_TEXT:
            raise _Refused(f"a value is {len(text):,} characters long, more than the "
                           f"{MAX_TEXT:,} allowed; shorten it", event.start_mark)
        if event.style == '"':
            # Only escapes ("\x07") in double quotes make characters no page may hold: YAML
            # refuses them written as they are.
            text = without_forbidden(text)
        parent = self.open[-1] if self.open else None
        if parent is not None and parent.is_map and not parent.has_key:
            plain = event.implicit[0] and tag in (None, "!")
            value = _MERGE if plain and text == "<<" else text
        elif tag is None and (not event.implicit[0] or (self.typed_starts is not None
                                                        and text[:1] not in self.typed_starts)):
            value = text  # quoted, or plain and plainly text
        else:
            value = self.construct(event, tag, text)
        if event.anchor is not None:
            self.anchor(event, (value, 1, text))
        self.add(value, 1, event.start_mark, event.start_mark)

    def construct(self, event: yaml.ScalarEvent, tag: str | None, text: str) -> Any:
        """A plain or tagged scalar (*text*) as YAML's safe constructors read it; a date as
        ISO text."""
        loader = self.loader
        if tag in (None, "!"):
            tag = loader.resolve(yaml.ScalarNode, text, event.implicit)
        if tag == "tag:yaml.org,2002:str":
            return text
        constructor = loader.yaml_constructors.get(tag, loader.yaml_constructors[None])
        node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
        try:
            value = constructor(loader, node)
        except ValueError as exc:  # a date YAML recognises but the calendar lacks: 2024-13-01
            raise yaml.constructor.ConstructorError(
                None, None, f"{event.value!r} is not a real date ({exc})",
                event.start_mark) from exc
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        return value

    def start(self, event: yaml.CollectionStartEvent) -> None:
        if event.tag not in (None, "!") and event.tag not in _PLAIN_COLLECTIONS:
            raise _Refused(f"the tag {event.tag!r} is not allowed in data files; remove it",
                           event.start_mark)
        path: PathKey = ()
        if self.open:
            parent = self.open[-1]
            if not parent.is_map:
                path = (*parent.path, len(parent.value))
            elif parent.has_key:
                path = (*parent.path, parent.key)
            else:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", event.start_mark)
        if len(self.open) >= MAX_DEPTH:
            raise _Refused(_TOO_DEEP, event.start_mark)
        is_map = type(event) is yaml.MappingStartEvent
        self.open.append(_Open({} if is_map else [], path, event.anchor, event.start_mark,
                               is_map))
        if event.anchor is not None:
            self.anchor(event, (None, 0, None))  # not complete yet: an alias to it is a loop

    def end(self, event: yaml.CollectionEndEvent) -> None:
        done = self.open.pop()
        value = done.value
        if done.merges:
            merged: dict[Any, Any] = {}
            for source in done.merges:
                merged.update(source)
            merged.update(value)
            value = merged
        if done.anchor is not None:
            self.anchors[done.anchor] = (value, done.size, None)
        self.add(value, done.size, done.start, event.start_mark)

    def alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
        value, size, text = self.anchors[event.anchor]
        if size == 0:
            raise _Refused(f"the alias *{event.anchor} is inside the value it names (a loop); "
                           "remove it", event.start_mark)
        parent = self.open[-1] if self.open else None
        if parent is not None and parent.is_map and not parent.has_key:
            if text is None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", event.start_mark)
            value = text
        self.add(value, size, event.start_mark, event.start_mark)

    def anchor(self, event: yaml.NodeEvent, found: tuple[Any, int, str | None]) -> None:
        if event.anchor in self.anchors:
            raise yaml.composer.ComposerError(
                None, None, f"found duplicate anchor {event.anchor!r}", event.start_mark)
        self.anchors[event.anchor] = found

    def add(self, value: Any, size: int, start: Any, mark: Any) -> None:
        """Put *value* (which starts at *start* and expands to *size* values) where it goes;
        *mark* is where a refusal points."""
        if not self.open:
            self.lines[()] = start.line + 1
            self.root = value
            return
        parent = self.open[-1]
        parent.size += size
        if parent.size > MAX_VALUES:
            raise _Refused(f"the file expands to more than {MAX_VALUES:,} values (aliases "
                           "included); remove the repeated aliases", mark)
        if not parent.is_map:
            self.lines[(*parent.path, len(parent.value))] = start.line + 1
            parent.value.append(value)
        elif not parent.has_key:
            parent.key, parent.has_key = value, True
        else:
            key, parent.key, parent.has_key = parent.key, None, False
            if key is _MERGE:
                parent.merges[:0] = self.mergeable(value, mark)  # the first << wins, as in PyYAML
            else:
                self.lines[(*parent.path, key)] = start.line + 1
                parent.value[key] = value

    @staticmethod
    def mergeable(value: Any, mark: Any) -> list[dict[Any, Any]]:
        """The mappings ``<<`` names, the one whose keys win last."""
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(source, dict) for source in sources):
            raise yaml.constructor.ConstructorError(
                None, None, "<< must name a mapping or a list of mappings to merge", mark)
        return sources[::-1]


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
    loader = _Loader(text)
    try:
        found, value = _Builder(loader, data.lines).build()
        if not found:
            data.problem("the file is empty; add data or remove the directive that uses it",
                         subtype="empty_file")
        data.value = value
        return data
    except yaml.MarkedYAMLError as exc:
        # libyaml 0.2.6 has a nesting limit of its own (1,000 levels), met while it scans
        # ahead: the same problem as a file too deep for this loader, told in the same words.
        if "maximum nesting depth" in (exc.problem or ""):
            problem = _refused(path, _Refused(_TOO_DEEP, exc.problem_mark))
        else:
            problem = _syntax_problem(path, exc)
    except _Refused as exc:
        problem = _refused(path, exc)
    except yaml.YAMLError as exc:
        problem = Problem(f"cannot load this file: {exc}", Location(str(path)), "yaml")
    finally:
        loader.dispose()
    data.lines.clear()
    data.problems.append(problem)
    return data


def _refused(path: Path, exc: _Refused) -> Problem:
    return Problem(f"cannot load this file: {exc}", Location(str(path), exc.line), "yaml")


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


def unknown_name(key: Any, allowed: list[str]) -> str:
    """An unknown field's name as a message shows it, with the closest allowed name."""
    close = difflib.get_close_matches(str(key), allowed, n=1)
    return f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


def load_checked(path: Path, kind: str, required: bool = True) -> tuple[YamlData, set[Any]]:
    """The data file *path* of kind *kind*, checked against its schema: the data and the first
    key of each invalid value (``None`` when the file as a whole is invalid)."""
    data = load_yaml(path, required=required)
    return data, {p[0] if p else None for p in validate(data, schema(kind))}


def validate(data: YamlData, declared: dict[str, Any]) -> list[PathKey]:
    """Check *data* against a JSON Schema; add a located problem per error, in the file's order.

    Returns the paths of the invalid values, so callers can keep the valid rest. The items of
    a list (or the entries of a mapping keyed by names) are checked one by one, and once
    :data:`MAX_REPORTED` problems are told, the other invalid items are only counted: a large
    file full of one mistake costs neither minutes nor gigabytes (an error holds the invalid
    value and the errors of every alternative tried) nor thousands of warnings.
    """
    if data.value is None:
        return []
    # The fast check says which parts are valid; jsonschema has the last word on the rest and
    # describes them. A valid file never imports it (a tenth of a second a build).
    top, part_schema, parts, noun = _parts(declared, data.value)
    top_fits = _fast_check(json.dumps(top, sort_keys=True))(data.value)
    if parts:
        fits = _fast_check(json.dumps(part_schema, sort_keys=True))
        parts = [(key, value) for key, value in parts if not fits(value)]
    if top_fits and not parts:
        return []
    import jsonschema

    found = [] if top_fits else [
        (tuple(e.absolute_path), _describe(e))
        for e in jsonschema.Draft202012Validator(top).iter_errors(data.value)]
    invalid = [path for path, _ in found]
    each = jsonschema.Draft202012Validator(part_schema)
    untold = []
    for key, value in parts:
        if len(found) >= MAX_REPORTED:
            if not each.is_valid(value):
                untold.append((key,))
            continue
        for error in each.iter_errors(value):
            found.append(((key, *error.absolute_path), _describe(error, (key,))))
            invalid.append(found[-1][0])
    found.sort(key=lambda f: (data.location(*f[0]).line or 0, [str(k) for k in f[0]]))
    for path, message in found:
        data.problem(message, *path, subtype="schema")
    if untold:
        data.problem(f"{len(untold):,} more {noun} break the file's schema and are left out too; "
                     "fix the problems above and build again to see theirs", *untold[0],
                     subtype="schema")
    return invalid + untold


@cache
def _fast_check(declared: str) -> Callable[[Any], bool]:
    """Whether a value satisfies the JSON Schema *declared* (as JSON text), by code
    fastjsonschema generates for it: much faster than jsonschema's walk on a large file, but
    it stops at the first error and says little of it (jsonschema then tells)."""
    import fastjsonschema

    check = fastjsonschema.compile(json.loads(declared), use_default=False)

    def fits(value: Any) -> bool:
        try:
            check(value)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return fits


def _parts(declared: dict[str, Any], value: Any
           ) -> tuple[dict[str, Any], dict[str, Any], list[tuple[Any, Any]], str]:
    """The schema of the top level alone, the schema of the parts checked on their own (the
    items of a list, or the entries of a mapping keyed by names), ``(key, value)`` of each
    part, and what the parts are called."""
    items = declared.get("items")
    if isinstance(value, list) and isinstance(items, dict):
        top = {k: v for k, v in declared.items() if k != "items"}
        return top, items, list(enumerate(value)), "items"
    entries = declared.get("additionalProperties")
    if isinstance(value, dict) and isinstance(entries, dict) and not declared.get("properties"):
        top = {k: v for k, v in declared.items() if k != "additionalProperties"}
        return top, entries, list(value.items()), "entries"
    return declared, {}, [], "values"


def _describe(error: jsonschema.ValidationError, prefix: PathKey = ()) -> str:
    """The error in words; *prefix* is the path of the part that was checked on its own."""
    if error.validator in ("oneOf", "anyOf"):
        # Alternatives of different types (text, or a mapping of fields): the one of the
        # value's type says what is wrong with it better than "not valid under any".
        fitting = [e for e in error.context if e.validator != "type" or e.relative_path]
        if fitting and len({e.relative_schema_path[0] for e in fitting}) == 1:
            return _describe(fitting[0], prefix)
    where = " > ".join(f"item {p + 1}" if isinstance(p, int) else str(p)
                       for p in (*prefix, *error.absolute_path)) or "the top level"
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        unknown = [k for k in error.instance if k not in allowed]
        return (f"unknown field {', '.join(unknown_name(k, allowed) for k in unknown)} at {where}; "
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
