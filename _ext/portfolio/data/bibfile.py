"""BibTeX files parsed entry by entry, so one bad entry costs only itself.

pybtex stops at the first syntax error in strict mode and, in lenient mode, can swallow every
entry after an unbalanced brace. Real files hold both, plus Latin-1 bytes and macros that are
not defined. Here the file is cut at each line that starts with ``@``, each piece is scanned by
pybtex's own low-level parser with shared ``@string`` macros, and every error becomes a
:class:`~portfolio.model.Problem` with the file and line. The result is an ordinary
:class:`pybtex.database.BibliographyData`, handed on to sphinxcontrib-bibtex unchanged.

Each piece is parsed once: a piece that gave one entry and no problem is kept, keyed by its
digest (its text and the ``@string`` macros before it), and the next parse takes the entry
from there, so after an edit only the edited entry is parsed again. The macros enter the
digest as a chain: each definition updates a running digest, so a file of many macros costs
time in proportion to its size, and a piece after a changed macro is parsed again.

Macros are expanded on a budget: each value (an entry's field, a macro, the preamble) may be
at most :data:`MAX_VALUE` characters long once expanded, and all values together may take at
most :data:`MAX_EXPANDED` characters from macros. Macros that repeat one another double at each
step (``a1 = a0 # a0``, ``a2 = a1 # a1``, ...: forty steps are a terabyte); past the budget
an entry is skipped, a macro left empty, with a located problem.

pybtex reads some entries that BibTeX itself rejects: it takes the commas between the key and
the fields as optional (``@article{key title = ...}``) and lets a comma stand alone
(``title = {T},, year = ...``). BibTeX stops reading the entry there, so the LaTeX papers that
share the file lose its fields: such an entry is shown, with a located problem.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import LowLevelParser, Parser, UndefinedMacro, split_name_list
from pybtex.scanner import PybtexSyntaxError

from ..model import Location, Problem
from ..text.characters import without_forbidden
from .files import NotAFileError, not_a_file_message, read_bytes
from .packed import Packed

_ENTRY_START = re.compile(r"^[ \t]*@", re.MULTILINE)
_PERSON_ROLES = frozenset(role.lower() for role in Person.valid_roles)
#: Lines of non-UTF-8 bytes reported one by one before the rest are summed up.
_MAX_ENCODING_REPORTS = 5
#: Longest value, in characters, once its @string macros are expanded (a long abstract is a
#: few thousand).
MAX_VALUE = 100_000
#: Most characters all values together may take from @string macros in one parse (a journal
#: name and a month in each of 100,000 entries take a tenth of it).
MAX_EXPANDED = 10_000_000
#: Where the chain of macro definitions starts: pybtex's month macros, and a version, so pieces
#: kept by an earlier version of this code are parsed again.
_MACROS_START = hashlib.blake2b(b"portfolio.bibfile 2: jan..dec", digest_size=16).digest()


@dataclass
class BibParse:
    """What one or more ``.bib`` files gave: the entries, where each starts, and the problems;
    the digest of the piece each entry came from, and the pieces to keep for the next parse."""

    data: BibliographyData = field(default_factory=BibliographyData)
    locations: dict[str, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)
    #: digest -> line in the piece, entry, characters its values took from macros
    parsed: dict[str, tuple[int, Entry, int]] = field(default_factory=dict)


class SavedBibliography(Packed, BibliographyData):
    """pybtex's database, saved with the environment as one block of bytes (see
    :mod:`portfolio.data.packed`): the site's data and sphinxcontrib-bibtex's both hold it."""


class _EntryParser(Parser):
    """pybtex's parser with errors collected instead of raised or printed, and each distinct
    name parsed once: the same co-authors and the site's owner recur in entry after entry."""

    def __init__(self, encoding: str):
        # Name fields are read as text, then made persons by add_persons.
        super().__init__(encoding, person_fields=())
        self.data = SavedBibliography()
        self.errors: list[Exception] = []
        self.people: dict[str, Person] = {}
        #: The macros defined so far, as a digest chained through each definition.
        self.macro_digest = _MACROS_START
        #: Characters the values parsed so far took from macros (see MAX_EXPANDED).
        self.expanded = 0

    def define(self, name: str | None) -> None:
        """Chain the macro *name* (just defined, or left undefined by an error) into
        :attr:`macro_digest`."""
        value = self.macros.get(name) if name else None
        self.macro_digest = hashlib.blake2b(
            self.macro_digest + repr((name, value)).encode("utf-8", "surrogatepass"),
            digest_size=16).digest()

    def handle_error(self, error: Exception) -> None:
        self.errors.append(error)

    def add_persons(self, entry: Entry, complaints: list[Exception]) -> None:
        """Turn the entry's name fields (author, editor) into pybtex persons, as pybtex does;
        a name that parses with no complaint (pybtex's, captured into *complaints*) is kept
        for the next entry that has it."""
        for role in [name for name in entry.fields if name.lower() in _PERSON_ROLES]:
            for name in split_name_list(entry.fields.pop(role)):
                person = self.people.get(name)
                if person is None:
                    before = len(complaints)
                    person = Person(name)
                    if len(complaints) == before:
                        self.people[name] = person
                entry.add_person(person, role)


class _TooLong(PybtexSyntaxError):
    """A value that would be longer than the budget allows once its macros are expanded."""

    error_type = "too long"


class _PieceScanner(LowLevelParser):
    """pybtex's scanner of one piece, expanding macros on the budget (see the module's doc)."""

    def __init__(self, text: str, parser: _EntryParser, filename: str, handle_error):
        super().__init__(text, macros=parser.macros, filename=filename, handle_error=handle_error)
        self.parser = parser
        self.expanded = 0  #: characters this piece's values took from macros
        self.length = 0  #: of the value being read
        self.from_macros = False  #: whether that value uses a macro
        self.string = False  #: whether that value is an @string's
        self.after_key = False  #: whether the field being read comes right after the key
        #: (command start, line, what BibTeX rejects, what to do) for entries read anyway
        self.rejected: list[tuple[int, int, str, str]] = []

    def parse_string_body(self, body_end) -> None:
        self.string = True
        try:
            super().parse_string_body(body_end)
        except _TooLong:
            self.macros[self.current_field_name] = ""  # so every use does not fail again
            raise
        finally:
            self.string = False

    def parse_entry_body(self, body_end) -> None:
        self.after_key = True
        super().parse_entry_body(body_end)

    def parse_field(self) -> None:
        """pybtex reads a field after the key, and after each comma: note where BibTeX wants a
        comma, or a field, and finds none."""
        after_key, self.after_key = self.after_key, False
        self.eat_whitespace()
        line = self.lineno
        super().parse_field()
        if self.current_field_name is not None:
            if after_key:
                self.rejected.append((self.command_start, line, "no comma after the citation key",
                                      "add a comma after the key"))
        elif not after_key and self.text.startswith(",", self.pos):
            self.rejected.append((self.command_start, line, "a comma with no field before it",
                                  "remove the extra comma"))

    def parse_value(self) -> None:
        self.length, self.from_macros = 0, False
        super().parse_value()

    def parse_value_part(self) -> str:
        part = super().parse_value_part()
        self.length += len(part)
        if self.from_macros and self.length > MAX_VALUE:
            if self.string:
                raise _TooLong(
                    f"the @string macro {self.current_field_name!r} would be more than "
                    f"{MAX_VALUE:,} characters long once the macros it repeats are expanded; "
                    "it is left empty: define it with its text in braces", self)
            what = (f"its {self.current_field_name} field" if self.current_field_name
                    else "the @preamble")
            raise _TooLong(f"{what} would be more than {MAX_VALUE:,} characters long once its "
                           "@string macros are expanded; write the text in braces", self)
        return part

    def substitute_macro(self, name: str) -> str:
        value = super().substitute_macro(name)
        self.from_macros = True
        self.expanded += len(value)
        self.parser.expanded += len(value)
        if self.parser.expanded > MAX_EXPANDED:
            why = (f"the entries and macros read so far take more than {MAX_EXPANDED:,} "
                   "characters from @string macros in all; use the macros less, or write the "
                   "text in braces")
            if self.string:
                why = f"the @string macro {self.current_field_name!r} is left empty: {why}"
            raise _TooLong(why, self)
        return value


def parse_bibfiles(paths: list[Path], encoding: str = "utf-8-sig",
                   parsed: dict[str, tuple[int, Entry, int]] | None = None) -> BibParse:
    """Parse *paths* in order into one database; ``@string`` macros carry over between files.
    *parsed* is the previous parse's :attr:`BibParse.parsed`: its pieces are not parsed again."""
    result = BibParse()
    parser = _EntryParser(encoding)
    result.data = parser.data
    for path in paths:
        _parse_file(path, encoding, parser, result, parsed or {})
    return result


def _parse_file(path: Path, encoding: str, parser: _EntryParser, result: BibParse,
                parsed: dict[str, tuple[int, Entry, int]]) -> None:
    where = Location(str(path))
    try:
        raw = read_bytes(path)
    except FileNotFoundError:
        result.problems.append(Problem(
            f"BibTeX file not found: {path}; create it or fix bibtex_bibfiles in conf.py",
            where, "missing_file"))
        return
    except NotAFileError as exc:
        result.problems.append(Problem(not_a_file_message(exc, "fix bibtex_bibfiles in conf.py"),
                                       where, "not_a_file"))
        return
    except OSError as exc:
        result.problems.append(Problem(f"cannot read BibTeX file: {exc.strerror}", where,
                                       "missing_file"))
        return
    text = without_forbidden(_decode(raw, path, encoding, result.problems))
    found = 0
    for chunk_line, chunk in _chunks(text):
        digest = hashlib.blake2b(parser.macro_digest + chunk.encode("utf-8", "surrogatepass"),
                                 digest_size=16).hexdigest()
        kept = parsed.get(digest)
        # A kept piece counts against the budget as when it was parsed; one that no longer
        # fits is parsed again, to be refused as a fresh parse would refuse it.
        if kept is not None and parser.expanded + kept[2] <= MAX_EXPANDED:
            found += _add_parsed(path, chunk_line, digest, *kept, parser, result)
            continue
        found += _parse_chunk(path, chunk_line, chunk, digest, parser, result)
    if not found:
        result.problems.append(Problem(
            "this BibTeX file has no entries; add @article{...} or @inproceedings{...} entries",
            where, "empty_file"))


def _decode(raw: bytes, path: Path, encoding: str, problems: list[Problem]) -> str:
    """Decode the file; lines that are not in *encoding* are read as Windows-1252 and reported."""
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        pass
    lines = raw.split(b"\n")
    bad: list[int] = []
    decoded = []
    for number, line in enumerate(lines, start=1):
        try:
            decoded.append(line.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            bad.append(number)
            decoded.append(line.decode("cp1252", errors="replace"))
    for number in bad[:_MAX_ENCODING_REPORTS]:
        problems.append(Problem(
            "this line is not UTF-8 and was read as Windows-1252 (Latin-1); "
            "check its accents and save the file as UTF-8",
            Location(str(path), number), "bib_encoding"))
    if len(bad) > _MAX_ENCODING_REPORTS:
        problems.append(Problem(
            f"{len(bad) - _MAX_ENCODING_REPORTS} more lines are not UTF-8; save the file as UTF-8",
            Location(str(path), bad[_MAX_ENCODING_REPORTS]), "bib_encoding"))
    return "\n".join(decoded)


def _chunks(text: str):
    """Yield ``(first line, text)`` for each piece that starts at a line beginning with ``@``."""
    starts = [m.start() for m in _ENTRY_START.finditer(text)]
    line = 1 + text.count("\n", 0, starts[0]) if starts else 1
    for begin, end in zip(starts, [*starts[1:], len(text)]):
        chunk = text[begin:end]
        yield line, chunk
        line += chunk.count("\n")


def _add_parsed(path: Path, chunk_line: int, digest: str, offset: int, entry: Entry,
                expanded: int, parser: _EntryParser, result: BibParse) -> int:
    """Add an entry parsed by an earlier build; return how many entries it added."""
    where = Location(str(path), chunk_line + offset)
    parser.expanded += expanded
    if entry.key in parser.data.entries:
        result.problems.append(_duplicate(entry.key, where, result))
        return 0
    parser.data.add_entry(entry.key, entry)
    result.locations[entry.key] = where
    result.digests[entry.key] = digest
    result.parsed[digest] = (offset, entry, expanded)
    return 1


def _parse_chunk(path: Path, chunk_line: int, chunk: str, digest: str, parser: _EntryParser,
                 result: BibParse) -> int:
    """Parse one piece; return how many entries it added."""
    errors: list[tuple[int, PybtexSyntaxError]] = []
    scanner = _PieceScanner(chunk, parser, str(path),
                            lambda error: errors.append((scanner.command_start, error)))
    claimed: set[int] = set()
    problems = len(result.problems)
    added: list[tuple[int, str]] = []
    others = False  # @string or @preamble in the piece: it is parsed again next time
    for command, payload in scanner:
        start = scanner.command_start
        claimed.add(start)
        line = chunk_line + chunk.count("\n", 0, start)
        own = [error for begin, error in errors if begin == start]
        kind = command.lower()
        if kind == "string":
            others = True
            parser.define(payload[0])
            _report(own, path, chunk_line, result)
        elif kind == "preamble":
            others = True
            _report(own, path, chunk_line, result)
            parser.process_preamble(*payload)
        elif _add_entry(path, line, command, payload, own, parser, result):
            added.append((line - chunk_line, payload[0]))
            result.digests[payload[0]] = digest
            for begin, at, what, fix in scanner.rejected:
                if begin == start:
                    result.problems.append(Problem(
                        f"entry {payload[0]!r}: BibTeX rejects this entry here ({what}) and "
                        "stops reading it, so LaTeX papers that cite it lose the fields after "
                        f"this point; {fix}", Location(str(path), chunk_line + at - 1),
                        "bib_compat"))
    _report([error for begin, error in errors if begin not in claimed], path, chunk_line, result)
    if len(added) == 1 and not others and len(result.problems) == problems:
        offset, key = added[0]
        result.parsed[digest] = (offset, parser.data.entries[key], scanner.expanded)
    return len(added)


def _add_entry(path: Path, line: int, entry_type: str, payload, errors, parser: _EntryParser,
               result: BibParse) -> bool:
    key, fields = payload
    where = Location(str(path), line)
    name = f"entry {key!r}" if key else "an entry with no key"
    fatal = [e for e in errors if not isinstance(e, UndefinedMacro)]
    if fatal and isinstance(fatal[0], _TooLong):
        result.problems.append(Problem(f"{name} was skipped: {fatal[0].args[0]}", where,
                                       "bib_expansion"))
        return False
    if fatal or not key:
        reason = _reason(fatal[0]) if fatal else "the citation key is missing"
        result.problems.append(Problem(
            f"{name} was skipped: {reason}; fix the entry and rebuild", where, "bib_syntax"))
        return False
    for error in errors:  # undefined macros: the entry is kept, the value part is empty
        result.problems.append(Problem(
            f"entry {key!r} uses an undefined @string macro {error.args[0]!r}; define it with "
            f"@string{{{error.args[0]} = \"...\"}} or put the value in braces",
            where, "bib_macro"))
    if key in parser.data.entries:
        result.problems.append(_duplicate(key, where, result))
        return False
    parser.errors.clear()
    with pybtex.errors.capture() as captured:
        parser.process_entry(entry_type, key, fields)
    with pybtex.errors.capture() as named:
        parser.add_persons(parser.data.entries[key], named)
    for error in [*parser.errors, *captured, *named]:
        result.problems.append(Problem(f"entry {key!r}: {error}", where, "bib_syntax"))
    result.locations[key] = where
    return True


def _duplicate(key: str, where: Location, result: BibParse) -> Problem:
    first = result.locations.get(key, Location(where.path))
    return Problem(f"duplicate citation key {key!r} (first defined at {first}); this second "
                   "entry is ignored: rename one of them", where, "bib_duplicate")


def _report(errors, path: Path, chunk_line: int, result: BibParse) -> None:
    for error in errors:
        where = Location(str(path), chunk_line + (error.lineno or 1) - 1)
        if isinstance(error, _TooLong):
            result.problems.append(Problem(error.args[0], where, "bib_expansion"))
            continue
        result.problems.append(Problem(
            f"BibTeX {_reason(error)}; text up to the next '@' was skipped", where, "bib_syntax"))


def _reason(error: Exception) -> str:
    if isinstance(error, PybtexSyntaxError):
        return f"{error.error_type}: {error.args[0]}"
    return str(error)
