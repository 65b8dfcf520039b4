"""The pure parts of ``portfolio.sync``: identifiers, BibTeX values, recognising entries,
appending to refs.bib and writing all files or none."""

from __future__ import annotations

import os

import pytest
from pybtex.database import parse_string

from portfolio.data.citations import load_citations
from portfolio.importers import BibRecord
from portfolio.model import CitationCount, Location
from portfolio.sync import Work
from portfolio.sync.citefile import citations_text
from portfolio.sync.files import Change, unified_diff, write_all
from portfolio.sync.ids import Identifier, dblp_pid, orcid_id, parse_identifier, title_key
from portfolio.sync.match import Known, Library, merge_versions
from portfolio.sync.refsbib import appended, record
from portfolio.sync.values import from_latex, from_plain, name_from_display, name_from_parts
from portfolio.text.latex import latex_to_text


@pytest.mark.parametrize(("text", "expected"), [
    ("doi:10.1145/3651890.3672274", ("doi", "10.1145/3651890.3672274")),
    ("10.1145/3651890.3672274", ("doi", "10.1145/3651890.3672274")),
    ("https://doi.org/10.1145/ABC.12", ("doi", "10.1145/abc.12")),
    ("https://dx.doi.org/10.1002/(SICI)1097-4571", ("doi", "10.1002/(sici)1097-4571")),
    ("doi:10.48550/arXiv.2506.14852", ("arxiv", "2506.14852")),
    ("arxiv:2506.14852", ("arxiv", "2506.14852")),
    ("arXiv:2506.14852v3", ("arxiv", "2506.14852")),
    ("2506.14852", ("arxiv", "2506.14852")),
    ("https://arxiv.org/abs/2506.14852v2", ("arxiv", "2506.14852")),
    ("https://arxiv.org/pdf/2506.14852", ("arxiv", "2506.14852")),
    ("hep-th/9901001", ("arxiv", "hep-th/9901001")),
    ("https://dblp.org/rec/conf/osdi/ZhangIJCSZ24.html", ("dblp", "conf/osdi/ZhangIJCSZ24")),
    ("https://dblp.org/rec/conf/osdi/ZhangIJCSZ24", ("dblp", "conf/osdi/ZhangIJCSZ24")),
    ("DBLP:journals/corr/abs-2506-14852", ("dblp", "journals/corr/abs-2506-14852")),
])
def test_identifiers_as_pasted(text, expected):
    assert parse_identifier(text) == Identifier(*expected)


@pytest.mark.parametrize("text", ["caravan", "10.1/x", "arxiv:garbage", "https://example.org/"])
def test_not_identifiers(text):
    assert parse_identifier(text) is None


def test_orcid_check_digit_and_dblp_pids():
    assert orcid_id("https://orcid.org/0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert orcid_id("0000-0002-1694-233x") == "0000-0002-1694-233X"  # X is a check digit
    assert orcid_id("0000-0002-1825-0098") == ""
    assert dblp_pid("https://dblp.org/pid/64/3960-1.html") == "64/3960-1"
    assert dblp_pid("z/QizhengZhang") == "z/QizhengZhang"
    assert dblp_pid("Qizheng Zhang") == ""


@pytest.mark.parametrize("text", [
    "Q&A over 50% of C# code_base: ~x^2 {braces} and a \\ backslash",
    "Zürich, Ærø and Łódź: naïve café",
    "$5 for 100% #1",
])
def test_plain_text_round_trips_through_bibtex(text):
    value = from_plain(text)
    # Valid BibTeX (balanced braces), and the site shows the text again.
    parse_string(f"@misc{{k, title = {{{value}}}}}", "bibtex")
    assert latex_to_text(value) == text.replace("^", "\u02c6")


def test_titles_keep_their_case_and_lose_html():
    assert from_plain("Fast <i>in situ</i> LLMs on GPUs via eBPF &amp; iOS", title=True) == \
        "Fast in situ {LLMs} on {GPUs} via {eBPF} \\& {iOS}"
    assert from_plain("DNN-based KV-Cache (FPGA).", title=True) == \
        "{DNN-based} {KV-Cache} ({FPGA})."
    assert from_plain("In-Network Learning", title=True) == "In-Network Learning"


def test_latex_text_keeps_math_and_escapes_the_rest():
    assert from_latex("$\\epsilon$-Private & 50% of $a_b$ \\emph{now}") == \
        "$\\epsilon$-Private \\& 50\\% of $a_b$ \\emph{now}"
    assert from_latex("An unbalanced {brace") == "An unbalanced \\{brace"


def test_names_in_bibtex_form():
    assert name_from_display("Ludwig van Beethoven") == "van Beethoven, Ludwig"
    assert name_from_display("Wei Wang 0001") == "Wang, Wei"
    assert name_from_display("Jean-Luc O'Neil Jr.") == "O'Neil, Jr., Jean-Luc"
    assert name_from_parts("José", "Cruz", "de la") == "de la Cruz, José"
    assert name_from_parts("", "Plato") == "Plato"
    assert name_from_parts("Ada", "Example & Co") == "Example \\& Co, Ada"


def test_title_key_ignores_case_braces_and_accents():
    assert title_key("{KNOTS}: a tiny study of {\\\"u}bung") == title_key("Knots: A Tiny Study of Übung")


def _work(title, **kwargs):
    return Work(kwargs.pop("entry_type", "inproceedings"), title, ["Example, Ada"], **kwargs)


def test_recognised_by_any_identifier_or_title():
    library = Library([Known("a", Location("refs.bib", 1), doi="10.1/a",
                             title=title_key("Alpha Paper Title")),
                       Known("b", Location("refs.bib", 9), arxiv="2501.00001", preprint=True,
                             title=title_key("Beta Paper Title"))])
    assert library.find(_work("Other", doi="10.1/a")).key == "a"
    assert library.find(_work("Other", arxiv="2501.00001")).key == "b"
    assert library.find(_work("{ALPHA} paper title")).key == "a"
    assert library.find(_work("Beta: paper title", doi="10.1/b")).key == "b"  # its venue version
    # Same title, another DOI: the journal version of a conference paper is another paper.
    assert library.find(_work("Alpha Paper Title", doi="10.1/journal")) is None
    assert Library([Known("c", Location(""), title=title_key("Preface"))]).find(_work("Preface")) is None


def test_a_preprint_folds_into_its_venue_version():
    venue = _work("Ferry: Learning", dblp="conf/osdi/X25", url="https://example.org/ferry")
    preprint = _work("Ferry: Learning", entry_type="misc", arxiv="2501.00042", preprint=True,
                     dblp="journals/corr/abs-2501-00042", pdf="https://arxiv.org/pdf/2501.00042")
    journal = _work("Ferry: Learning", dblp="journals/tocs/X26", doi="10.1/tocs")
    merged, folded = merge_versions([preprint, venue, journal, venue])
    assert folded == 1 and merged == [venue, journal]
    assert venue.arxiv == "2501.00042" and venue.pdf == "https://arxiv.org/pdf/2501.00042"


def test_record_in_the_site_style():
    work = Work("article", "A Study", ["M{\\\"u}ller, Zo{\\\"e}", "Example, Ada"], year="2024",
                month="8", details={"journal": "J. Ex.", "pages": "1\u20139"}, doi="10.1/x",
                arxiv="2401.00001")
    entry = record(work, {"muller2024study"})
    assert entry.key == "muller2024studya"
    assert entry.fields == {"author": "M{\\\"u}ller, Zo{\\\"e} and Example, Ada",
                            "title": "A Study", "journal": "J. Ex.", "pages": "1--9",
                            "year": "2024", "month": "aug", "doi": "10.1/x",
                            "eprint": "2401.00001", "archiveprefix": "arXiv"}


@pytest.mark.parametrize(("original", "expected"), [
    (b"", b"@misc{k,\n  title = {T},\n  month = may,\n}\n"),
    (b"@misc{a, title={A}}", b"@misc{a, title={A}}\n\n@misc{k,\n"),
    (b"@misc{a, title={A}}\n", b"@misc{a, title={A}}\n\n@misc{k,\n"),
    (b"@misc{a, title={A}}\n\n", b"@misc{a, title={A}}\n\n@misc{k,\n"),
    (b"% Windows\r\n@misc{a, title={A}}\r\n", b"% Windows\r\n@misc{a, title={A}}\r\n\r\n@misc{k,\r\n"),
])
def test_appended_keeps_every_byte_and_the_line_endings(original, expected):
    after = appended(original, [BibRecord("k", "misc", {"title": "T", "month": "may"})])
    assert after.startswith(expected)
    assert after.endswith(b"}\r\n" if b"\r\n" in original else b"}\n")


@pytest.mark.parametrize(("encoding", "name", "written"), [
    ("utf-8-sig", "José Łukasz 中", "José Łukasz 中".encode()),  # no byte order mark mid-file
    ("UTF-8", "José Łukasz 中", "José Łukasz 中".encode()),
    ("latin-1", "José Łukasz", b"Jos\xe9 {\\L}ukasz"),  # what latin-1 cannot hold, as LaTeX
    ("ascii", "José Łukasz", b"Jos{\\'e} {\\L}ukasz"),
    ("no-such-codec", "José Łukasz 中", "José Łukasz 中".encode()),  # read as UTF-8 by the build
])
def test_appended_in_the_files_encoding(encoding, name, written):
    after = appended(b"@misc{a, title={\xe9}}\n", [BibRecord("k", "misc", {"author": name})],
                     encoding)
    assert after.startswith(b"@misc{a, title={\xe9}}\n\n@misc{k,\n")
    assert b"\xef\xbb\xbf" not in after
    assert b"  author = {" + written + b"},\n" in after


def test_links_keep_working_in_any_encoding():
    fields = {"title": "Cafe\u0301 \u0141", "url": "https://example.org/caf\u00e9-\u0142.pdf",
              "doi": "10.1/\u0142"}
    after = appended(b"", [BibRecord("k", "misc", fields)], "latin-1")
    assert b"title = {Caf\xe9 {\\L}}" in after  # the combining accent composed first
    assert b"url   = {https://example.org/caf\xe9-%C5%82.pdf}" in after  # as a URL holds it
    assert b"doi   = {10.1/%C5%82}" in after
    # Not an encoding's name: UTF-8, as the build reads such a file; the text as it came.
    assert appended(b"", [BibRecord("k", "misc", fields)], 8) == appended(
        b"", [BibRecord("k", "misc", fields)], "utf-8")
    assert "Cafe\u0301 \u0141".encode() in appended(b"", [BibRecord("k", "misc", fields)], 8)


def test_a_character_the_encoding_cannot_hold_nor_latex_is_refused():
    with pytest.raises(ValueError, match="'中' cannot be written in latin-1"):
        appended(b"", [BibRecord("k", "misc", {"title": "中文"})], "latin-1")


@pytest.mark.parametrize("encoding", ["utf-16", "UTF-16-LE", "utf-32"])
def test_an_encoding_that_does_not_write_ascii_as_ascii_is_refused(encoding):
    original = "@misc{a, title={A}}\n".encode(encoding)
    with pytest.raises(ValueError, match=f"cannot be added to a file in {encoding}"):
        appended(original, [BibRecord("k", "misc", {"title": "T"})], encoding)


def test_write_all_or_nothing(tmp_path):
    good = tmp_path / "refs.bib"
    good.write_bytes(b"old")
    os.chmod(good, 0o640)
    (tmp_path / "docs").write_text("a file where a folder belongs")  # the second write fails
    changes = [Change(good, b"old", b"new"), Change(tmp_path / "docs" / "c.yaml", None, b"x")]
    with pytest.raises(OSError):
        write_all(changes)
    assert good.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "refs.bib"]  # no temporary
    write_all(changes[:1])
    assert good.read_bytes() == b"new" and oct(good.stat().st_mode & 0o777) == "0o640"


def test_unified_diff(tmp_path):
    change = Change(tmp_path / "refs.bib", b"a\n", b"a\n\nb\n")
    assert unified_diff(change, tmp_path) == "--- a/refs.bib\n+++ b/refs.bib\n@@ -1 +1,3 @@\n a\n+\n+b\n"
    latin = Change(tmp_path / "refs.bib", b"\xe9\n", b"\xe9\n\xfc\n", "latin-1")
    assert unified_diff(latin, tmp_path).endswith(" é\n+ü\n")


def test_citations_file_reads_back(tmp_path):
    path = tmp_path / "citations.yaml"
    counts = {"zhang2024caravan": CitationCount(12, "2025-06-18", "OpenAlex"),
              "b": CitationCount(0, "2025-06-18")}
    path.write_text(citations_text(counts), "utf-8")
    assert load_citations(path) == (counts, [])


def test_citations_file_problems_are_located(tmp_path):
    path = tmp_path / "citations.yaml"
    path.write_text("a:\n  count: 3\n  date: '2025-06-18'\nb:\n  count: many\n  date: 2025-06-18\n")
    counts, problems = load_citations(path)
    assert list(counts) == ["a"]
    assert [(p.location.line, p.subtype) for p in problems] == [(5, "schema")]
