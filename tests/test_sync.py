"""``portfolio add`` and ``portfolio sync``, against a local fake of DBLP, ORCID, doi.org, arXiv
and OpenAlex (``sync_fake.py``, on 127.0.0.1): what is added, what is left alone, and how the
command behaves when a service is slow, limits the rate, says no or answers nonsense."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import socket
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_file

from conftest import build_site
from portfolio.cli.main import main
from portfolio.data.citations import load_citations
from sync_fake import FIXTURES, Answer, FakeServices

ORCID = "0000-0002-1825-0097"
PID = "12/3456"
PID_PATH = "/dblp/pid/12/3456.bib"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def fake(monkeypatch):
    with FakeServices() as services:
        for name, value in services.environment().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("PORTFOLIO_BACKOFF", "0.05")
        yield services


@pytest.fixture
def site(tmp_path) -> Path:
    """A new site whose refs.bib and overlay are the fixtures': a comment, a macro, entries
    written by hand, a preprint whose venue version DBLP has."""
    root = tmp_path / "site"
    assert run("new", str(root), "--name", "Ada Example")[0] == 0
    shutil.copy(FIXTURES / "site" / "refs.bib", root / "refs.bib")
    shutil.copy(FIXTURES / "site" / "publications.yaml", root / "docs/_data/publications.yaml")
    return root


def in_site(site: Path, *argv: str) -> tuple[int, str, str]:
    return run(*argv, "--site", str(site))


def entries(site: Path):
    return parse_file(str(site / "refs.bib")).entries


def left_alone(site: Path, original: bytes) -> None:
    """refs.bib is the original, and no temporary file was left beside it."""
    assert (site / "refs.bib").read_bytes() == original
    assert not [p for p in site.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("command", [["add"], ["sync"], ["sync", "dblp"], ["sync", "orcid"],
                                     ["sync", "citations"]], ids=" ".join)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: portfolio {' '.join(command)}")


@pytest.mark.parametrize(("ident", "key", "expected"), [
    ("doi:10.5555/3700000.0000003", "example2025beacon",
     ["@article{example2025beacon,", "journal   = {Journal of Example Networks},",
      "van der Berg, Lena and de la Cruz, José and O'Neil, Jr., Jean-Luc",
      "title     = {Beacon: In Situ Telemetry for Programmable Switches \\& {NICs}},",
      "month     = jan,", "doi       = {10.5555/3700000.0000003},",
      "pdf       = {https://example.org/beacon.pdf},"]),
    ("https://doi.org/10.5555/BIBONLY.0001", "example2023anchor",  # BibTeX, no CSL-JSON
     ["@inproceedings{example2023anchor,", "author    = {Example, Ada and Smith, John},",
      "month     = nov,", "pages     = {1--6},", "doi       = {10.5555/bibonly.0001},"]),
    ("arxiv:2503.00011", "example2025compass",
     ["@misc{example2025compass,", "author        = {Example, Ada and O'Neil, Jr., Jean-Luc},",
      "title         = {Compass: $\\epsilon$-Private Routing for {5G} \\& Beyond},",
      "eprint        = {2503.00011},", "archiveprefix = {arXiv},",
      "pdf           = {https://arxiv.org/pdf/2503.00011},"]),
    ("2504.00023v1", "example2025sextant",  # arXiv names its DOI: the venue version is added
     ["@inproceedings{example2025sextant,",
      "booktitle     = {Proceedings of the ACM SIGCOMM 2025 Conference},",
      "doi           = {10.5555/3651890.0000009},", "eprint        = {2504.00023},",
      "pdf           = {https://arxiv.org/pdf/2504.00023},"]),
    ("https://dblp.org/rec/conf/osdi/ExampleCB25.html", "example2025ferry",
     ["@inproceedings{example2025ferry,",
      "author    = {Example, Ada and de la Cruz, Jos{\\'{e}} and van der Berg, Lena},",
      "url       = {https://www.usenix.org/conference/osdi25/presentation/example},"]),
], ids=["doi-csl-json", "doi-bibtex", "arxiv", "arxiv-with-doi", "dblp"])
def test_add_by_each_kind_of_id(fake, site, ident, key, expected):
    original = (site / "refs.bib").read_bytes()
    code, out, err = in_site(site, "add", ident)
    assert code == 0, err
    assert "1 new, 0 already in refs.bib." in out and f"  {key}: " in out
    after = (site / "refs.bib").read_bytes()
    assert after.startswith(original)  # the user's file, byte for byte, then the new entry
    added = after[len(original):].decode("utf-8")
    assert added.startswith("\n@")
    for line in expected:
        assert line in added, added
    assert {"timestamp", "biburl", "bibsource", "url"} & set(entries(site)[key].fields) <= {"url"}
    if "doi" in ident:  # content negotiation: CSL-JSON preferred, BibTeX accepted
        assert any("csl+json" in accept and "x-bibtex" in accept for _, accept in fake.log)


def test_add_what_refs_bib_has_asks_nothing(fake, site):
    original = (site / "refs.bib").read_bytes()
    code, out, _ = in_site(site, "add", "doi:10.5555/3651890.0000001", "arxiv:2402.00007")
    assert code == 0 and "0 new, 2 already in refs.bib." in out
    assert fake.log == []
    left_alone(site, original)


def test_sync_dblp_adds_only_new_works(fake, site):
    original = (site / "refs.bib").read_bytes()
    overlay = (site / "docs/_data/publications.yaml").read_bytes()
    code, out, err = in_site(site, "sync", "dblp", PID)
    assert code == 0, err
    assert out.startswith("DBLP lists 5 works (plus 1 preprint of them, kept as the arXiv link "
                          "of the venue version): 3 already in refs.bib, 2 new.")
    found = entries(site)
    # Tide (by DOI), Knots (by title), Lantern (its preprint) are known; an edited volume is no
    # paper; Ferry's preprint and venue version are one entry.
    assert list(found) == ["tide24", "example2024lantern", "knots23", "example2025ferry",
                           "mullerludenscheidt2024uber"]
    ferry = found["example2025ferry"].fields
    assert ferry["eprint"] == "2501.00042" and ferry["archiveprefix"] == "arXiv"
    assert "OSDI" in ferry["booktitle"]
    assert (site / "refs.bib").read_bytes().startswith(original)
    assert (site / "docs/_data/publications.yaml").read_bytes() == overlay
    assert "refs.bib:13: 'example2024lantern' is a preprint; its venue version is out" in out


def test_second_run_adds_nothing_and_asks_nothing(fake, site):
    assert in_site(site, "sync", "dblp", PID)[0] == 0
    after_first = (site / "refs.bib").read_bytes()
    asked = len(fake.log)
    code, out, _ = in_site(site, "sync", "dblp", PID)
    assert code == 0 and "5 already in refs.bib, 0 new." in out
    assert len(fake.log) == asked  # answered from the cache
    assert (site / "refs.bib").read_bytes() == after_first
    code, out, _ = in_site(site, "sync", "dblp", PID, "--no-cache")
    assert code == 0 and "0 new." in out and len(fake.log) == asked + 1
    assert (site / "refs.bib").read_bytes() == after_first


def test_user_edits_win(fake, site):
    """An added entry the user renamed, re-cased and extended is still recognised."""
    assert in_site(site, "sync", "dblp", PID)[0] == 0
    text = (site / "refs.bib").read_text("utf-8")
    text = text.replace("@article{mullerludenscheidt2024uber,", "@Article{uber24,")
    text = text.replace("Verified {GPU} Kernels", "verified GPU kernels")
    text = text.replace("  year    = {2024},\n", "  year    = {2024},\n  note    = {Mine},\n")
    (site / "refs.bib").write_text(text, "utf-8")
    code, out, _ = in_site(site, "sync", "dblp", PID, "--no-cache")
    assert code == 0 and "0 new." in out
    assert (site / "refs.bib").read_text("utf-8") == text


def test_dry_run_shows_a_diff_and_writes_nothing(fake, site):
    original = (site / "refs.bib").read_bytes()
    code, out, _ = in_site(site, "sync", "dblp", PID, "--dry-run")
    assert code == 0
    assert "Would add to refs.bib:" in out
    assert "--- a/refs.bib\n+++ b/refs.bib\n@@ " in out
    assert "\n+@inproceedings{example2025ferry,\n" in out
    assert out.rstrip().endswith("Dry run: nothing was written.")
    left_alone(site, original)


def test_dblp_person_by_name(fake, site):
    code, out, _ = in_site(site, "sync", "dblp", "Ada Example", "--dry-run")
    assert code == 0 and "2 new" in out
    assert fake.requests("/dblp/search/author/api?q=Ada+Example")
    code, _, err = in_site(site, "sync", "dblp", "Wei Wang")
    assert code == 2 and "DBLP finds 2 persons named 'Wei Wang': Wei Wang 0001 (35/7092-1)" in err
    code, _, err = in_site(site, "sync", "dblp", "Nobody Here")
    assert code == 2 and "DBLP finds no person named 'Nobody Here'" in err


def test_sync_orcid(fake, site):
    original = (site / "refs.bib").read_bytes()
    code, out, err = in_site(site, "sync", "orcid", f"https://orcid.org/{ORCID}")
    assert code == 0, err
    assert out.startswith("ORCID lists 6 works: 1 already in refs.bib, 4 new.")
    assert f"ORCID {ORCID}: work 'Slides of an Invited Talk' has no DOI, arXiv id or author " \
           "list; add it to refs.bib by hand" in out
    found = entries(site)
    assert list(found)[3:] == ["example2025beacon", "example2025compass", "example2023harbor",
                               "example2023anchor"]
    harbor = found["example2023harbor"]
    assert [str(p) for p in harbor.persons["author"]] == ["Example, Ada", "Kierkegaard-Ø, Søren"]
    assert harbor.fields["booktitle"] == "Workshop on Example Harbors"
    assert (site / "refs.bib").read_bytes().startswith(original)
    # The known work was not fetched in full; a second run fetches nothing and adds nothing.
    assert not fake.requests("/doi/10.5555/3651890.0000001")
    after = (site / "refs.bib").read_bytes()
    asked = len(fake.log)
    assert "0 new" in in_site(site, "sync", "orcid", ORCID)[1]
    assert (site / "refs.bib").read_bytes() == after and len(fake.log) == asked


def test_retry_after_is_honoured(fake, site):
    fake.script(PID_PATH, Answer(429, b"slow down", (("Retry-After", "1"),)))
    start = time.monotonic()
    code, out, err = in_site(site, "sync", "dblp", PID)
    assert code == 0, err
    assert time.monotonic() - start >= 1.0
    assert len(fake.requests(PID_PATH)) == 2 and "2 new" in out


def test_a_long_retry_after_ends_the_run(fake, site):
    original = (site / "refs.bib").read_bytes()
    fake.script(PID_PATH, Answer(429, b"slow down", (("Retry-After", "3600"),)))
    start = time.monotonic()
    code, _, err = in_site(site, "sync", "dblp", PID)
    assert code == 1 and time.monotonic() - start < 10
    assert err == ("portfolio sync dblp: error: DBLP asks to wait 3600 s before the next request "
                   "(429 Too Many Requests); try again later\n")
    left_alone(site, original)


def test_server_errors_are_retried_with_backoff(fake, site):
    fake.script(PID_PATH, Answer(503), Answer(502))
    code, out, _ = in_site(site, "sync", "dblp", PID)
    assert code == 0 and "2 new" in out and len(fake.requests(PID_PATH)) == 3


def test_a_failure_midway_writes_nothing(fake, site, monkeypatch):
    """ORCID's list comes, then one DOI keeps failing: nothing of the run is written."""
    monkeypatch.setenv("PORTFOLIO_RETRIES", "2")
    original = (site / "refs.bib").read_bytes()
    fake.script("/doi/10.5555/3700000.0000003", *[Answer(500, b"oops")] * 3)
    code, _, err = in_site(site, "sync", "orcid", ORCID)
    assert code == 1
    assert "doi.org answered 500 Internal Server Error" in err and "try again later" in err
    assert len(fake.requests("/doi/10.5555/3700000.0000003")) == 3
    left_alone(site, original)


def test_timeout(fake, site):
    original = (site / "refs.bib").read_bytes()
    fake.script(PID_PATH, Answer(delay=3, body=b""))
    start = time.monotonic()
    code, _, err = in_site(site, "sync", "dblp", PID, "--timeout", "0.5")
    assert code == 1 and time.monotonic() - start < 2.5
    assert err.startswith("portfolio sync dblp: error: DBLP (127.0.0.1:")
    assert "did not answer within 0.5 s; try again later, or allow longer with --timeout" in err
    left_alone(site, original)


def test_offline(fake, site, monkeypatch):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("PORTFOLIO_DBLP_URL", f"http://127.0.0.1:{port}")
    original = (site / "refs.bib").read_bytes()
    code, _, err = in_site(site, "sync", "dblp", PID)
    assert code == 1
    assert err == (f"portfolio sync dblp: error: cannot reach DBLP (127.0.0.1:{port}): are you "
                   "offline? Check your connection and try again\n")
    left_alone(site, original)


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["sync", "dblp", "99/9999"], 1, "DBLP knows no person with PID '99/9999'"),
    (["sync", "orcid", "0000-0001-5109-3700"], 1, "ORCID has no record 0000-0001-5109-3700"),
    (["sync", "orcid", "0000-0001-5109-3701"], 2, "is not an ORCID iD"),
    (["add", "doi:10.5555/missing"], 1, "doi.org knows no DOI '10.5555/missing'"),
    (["add", "arxiv:2599.99999"], 1, "arXiv knows no paper '2599.99999'"),
    (["add", "https://dblp.org/rec/conf/x/Nothing24"], 1, "DBLP has no record 'conf/x/Nothing24'"),
    (["add", "caravan"], 2, "'caravan' is not a DOI, an arXiv id or a DBLP record"),
])
def test_unknown_ids(fake, site, argv, code, message):
    original = (site / "refs.bib").read_bytes()
    result, out, err = in_site(site, *argv)
    assert result == code and message in err and err.count("\n") == 1
    left_alone(site, original)


@pytest.mark.parametrize(("argv", "path", "body", "message"), [
    (["sync", "dblp", PID], PID_PATH, b"<!DOCTYPE html><html>maintenance</html>",
     "DBLP's answer for PID 12/3456 is not BibTeX"),
    (["sync", "dblp", PID], PID_PATH, b"@inproceedings{x, title = {unclosed",
     "DBLP's answer for PID 12/3456 is not valid BibTeX"),
    (["sync", "orcid", ORCID], f"/orcid/{ORCID}/works", b'{"group": [{"work-summ',
     f"ORCID's list of works for {ORCID} could not be read"),
    (["add", "arxiv:2503.00011"], "/arxiv", b"<html><body>Bad gateway</body></html>",
     "arXiv's answer for 2503.00011 is not an Atom feed"),
    (["add", "doi:10.5555/3700000.0000003"], "/doi/10.5555/3700000.0000003",
     b'{"title": "Beacon", "author": [', "doi.org's CSL-JSON for 10.5555/3700000.0000003 could "
     "not be read"),
    (["sync", "citations"], "/openalex/works", b'{"meta": {}, "data": []}',
     "OpenAlex's answer could not be read"),
], ids=["dblp-html", "dblp-bibtex", "orcid-json", "arxiv-xml", "doi-csl", "openalex-json"])
def test_malformed_answers_are_named_and_nothing_is_written(fake, site, argv, path, body,
                                                            message):
    kind = "application/vnd.citationstyles.csl+json" if path.startswith("/doi") else "text/plain"
    fake.script(path, Answer(200, body, (("Content-Type", kind),)))
    original = (site / "refs.bib").read_bytes()
    code, _, err = in_site(site, *argv)
    assert code == 1 and message in err and err.count("\n") == 1, err
    left_alone(site, original)
    assert not (site / "docs/_data/citations.yaml").exists()


def test_a_bib_file_that_cannot_be_read_stops_the_run(fake, site):
    broken = (site / "refs.bib").read_text("utf-8") + "\n@misc{broken, title = {no end\n"
    (site / "refs.bib").write_text(broken, "utf-8")
    code, _, err = in_site(site, "sync", "dblp", PID)
    assert code == 2 and "Fix refs.bib first" in err
    assert fake.log == [] and (site / "refs.bib").read_text("utf-8") == broken


def test_refs_bib_in_its_bibtex_encoding(fake, site):
    """conf.py's bibtex_encoding: refs.bib is read in it and new entries are written in it."""
    conf = site / "conf.py"
    conf.write_text(conf.read_text("utf-8") + '\nbibtex_encoding = "latin-1"\n', "utf-8")
    original = (site / "refs.bib").read_bytes().replace(b"Workshop on Knots", b"Atelier N\xf6uds")
    (site / "refs.bib").write_bytes(original)
    code, out, err = in_site(site, "add", "doi:10.5555/3700000.0000003", "--dry-run")
    assert code == 0, err
    assert "van der Berg, Lena and de la Cruz, José and O" in out  # the diff, read as latin-1
    code, out, err = in_site(site, "add", "doi:10.5555/3700000.0000003",
                             "doi:10.5555/3651890.0000001")
    assert code == 0 and "1 new, 1 already in refs.bib." in out, err
    after = (site / "refs.bib").read_bytes()
    assert after.startswith(original)
    assert b"de la Cruz, Jos\xe9 and" in after[len(original):]
    found = parse_file(str(site / "refs.bib"), encoding="latin-1").entries
    assert found["knots23"].fields["booktitle"] == "Atelier Nöuds"
    assert str(found["example2025beacon"].persons["author"][2]) == "de la Cruz, José"


def test_an_encoding_new_entries_cannot_be_written_in_stops_the_run(fake, site):
    conf = site / "conf.py"
    conf.write_text(conf.read_text("utf-8") + '\nbibtex_encoding = "utf-16"\n', "utf-8")
    original = (site / "refs.bib").read_text("utf-8").encode("utf-16")
    (site / "refs.bib").write_bytes(original)
    code, _, err = in_site(site, "add", "doi:10.5555/3700000.0000003")
    assert code == 2 and "cannot be added to a file in utf-16" in err, err
    left_alone(site, original)


def test_citations(fake, site):
    code, out, err = in_site(site, "sync", "citations")
    assert code == 0, err
    assert out.startswith("3 entries with a DOI or arXiv id; OpenAlex counted 2.")
    assert "OpenAlex does not know 'knots23' (doi:10.5555/knots.2023)" in out  # overlay's DOI
    counts, problems = load_citations(site / "docs/_data/citations.yaml")
    today = dt.date.today().isoformat()
    assert not problems
    assert {k: (c.count, c.date, c.source) for k, c in counts.items()} == {
        "tide24": (42, today, "OpenAlex"), "example2024lantern": (1, today, "OpenAlex")}
    before = (site / "docs/_data/citations.yaml").read_bytes()
    assert in_site(site, "sync", "citations")[0] == 0
    assert (site / "docs/_data/citations.yaml").read_bytes() == before


def test_synced_site_builds_without_warnings(fake, site):
    """Accents, particles and LaTeX specials from every service come out as BibTeX the site
    reads with no warning; the citation badge shows when the site enables it."""
    for argv in (["sync", "dblp", PID], ["sync", "orcid", ORCID], ["add", "arxiv:2504.00023"],
                 ["sync", "citations"]):
        code, _, err = in_site(site, *argv)
        assert code == 0, err
    conf = site / "conf.py"
    conf.write_text(conf.read_text() + '\nportfolio_citations = "_data/citations.yaml"\n')
    assert run("check", str(site))[0] == 0
    result = build_site(site, "html")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    page = BeautifulSoup((site / "_build/html/publications.html").read_text("utf-8"),
                         "html.parser")
    titles = {line.get_text() for line in page.select(".pub-title")}
    assert {"Über-Fast & Safe: 100% Verified GPU Kernels for C# and F_Star",
            "Compass: ϵ-Private Routing for 5G & Beyond",  # $\\epsilon$ is shown as math
            "Beacon: In Situ Telemetry for Programmable Switches & NICs"} <= titles
    authors = " ".join(line.get_text() for line in page.select(".pub-authors"))
    for name in ("Zoë Müller-Lüdenscheidt", "José de la Cruz", "Lena van der Berg",
                 "Jean-Luc O'Neil, Jr.", "Søren Kierkegaard-Ø"):
        assert name in authors
    badges = {b.get_text(): b["title"] for b in page.select(".pub-citations")}
    assert badges["42 citations"].startswith("Counted by OpenAlex on ")
    assert len(page.select("li.pub")) == len(entries(site))
    assert yaml.safe_load((site / "docs/_data/citations.yaml").read_text())["tide24"]["count"] == 42
