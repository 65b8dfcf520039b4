"""The benchmark script runs end to end on a tiny size and reports every measurement.

Speed itself is not asserted here (see ``benchmarks/README.md``); this checks the script works,
its data is deterministic, and the table and JSON have the promised shape.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "bench.py"
#: The projects of the default run: pandoc's only where pandoc is installed.
PANDOC = shutil.which("pandoc") is not None
STEPS = {"site": ("full", "nochange", "edit", "remove"), "ours": ("full", "nochange", "edit"),
         "lean": ("full", "nochange", "edit"), "plain": ("full", "nochange", "edit"),
         **({"pandoc": ("full",)} if PANDOC else {})}


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--sizes", "20", "--runs", "1", "--workdir", str(work),
         "--json", str(work / "out.json")],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return work, result.stdout, json.loads((work / "out.json").read_text("utf-8"))


def test_every_project_and_step_is_measured(quick_run):
    _, _, data = quick_run
    measured = {(r["n"], r["project"], r["step"]) for r in data["rows"]}
    assert measured == {(0, "empty", "full"), (0, "empty", "nochange")} | {
        (20, project, step) for project, steps in STEPS.items() for step in steps}
    for row in data["rows"]:
        assert row["wall"] > 0 and row["cpu"] > 0 and row["cpu"] >= row["sys"] >= 0
        assert row["peak_mb"] > 0
    expected = {(20, project, "plain", step) for project in ("site", "ours", "lean")
                for step in ("full", "nochange", "edit")}
    if PANDOC:
        expected |= {(20, project, "pandoc", "full") for project in ("site", "ours", "lean")}
    assert {(r["n"], r["project"], r["baseline"], r["step"]) for r in data["ratios"]} == expected
    for ratio in data["ratios"]:  # the median of each run's ratio lies within their range
        low, high = ratio["cpu_range"]
        assert 0 < low <= ratio["cpu"] <= high
    assert {(r["n"], r["project"]) for r in data["over_empty"]} == {
        (20, "site"), (20, "ours"), (20, "lean")}
    assert data["machine"]["cpus"] >= 1


def test_table_has_a_line_per_measurement(quick_run):
    _, table, data = quick_run
    lines = table.splitlines()
    assert lines[0].split() == ["N", "project", "step", "wall", "s", "CPU", "s", "sys", "s",
                                "peak", "MiB", "pages", "files"]
    for row in data["rows"]:
        assert any(line.split()[:3] == [str(row["n"]), row["project"], row["step"]]
                   for line in lines)
    # 3 steps and the no-change rebuild over the empty project; 3 ratios to plain (and pandoc's)
    assert sum(line.split()[1:2] == ["ours"] for line in lines) == 4
    assert sum(line.split()[1:2] == ["ours/plain"] for line in lines) == 3


def test_every_page_lists_every_generated_entry(quick_run):
    work, _, _ = quick_run
    site, ours, lean, plain = ((work / "n20" / f"{kind}.out" / "run-1" / "publications.html")
                               .read_text("utf-8") for kind in ("site", "ours", "lean", "plain"))
    assert ours.count('class="pub ') == 20 and lean.count('class="pub ') == 20
    assert site.count('class="pub ') == 19  # after one entry was removed
    assert plain.count('role="doc-biblioentry"') == 20
    assert all("Revised: " in page for page in (site, ours, lean, plain))  # the edited entry
    assert "pub-bibtex" in ours and "pub-bibtex" not in lean  # lean shows what plain shows
    assert (work / "n20" / "ours.out" / "run-1" / "_bib").is_dir()
    assert not (work / "n20" / "lean.out" / "run-1" / "_bib").exists()
    out = work / "n20" / "site.out" / "run-1"
    assert len(list((out / "papers").glob("*.html"))) == 19
    assert {"atom.xml", "sitemap.xml", "cv.html", "news.html"} <= {p.name for p in out.iterdir()}
    if PANDOC:
        page = (work / "n20" / "pandoc.out" / "run-1" / "index.html").read_text("utf-8")
        assert page.count('class="csl-entry"') == 20


def test_edit_rewrites_the_page_that_shows_the_entry(quick_run):
    _, _, data = quick_run
    edit = next(r for r in data["rows"] if r["project"] == "ours" and r["step"] == "edit")
    assert "publications" in edit["written"] and "highlight" in edit["written"]


def test_the_site_rewrites_only_what_changed(quick_run):
    """A no-change rebuild writes none of the extension's files; an edit, the entry's paper page,
    its .bib file, the feed and the pages that list it; a removal deletes the entry's files."""
    _, _, data = quick_run
    steps = {r["step"]: r for r in data["rows"] if r["project"] == "site"}

    def ours(written: list[str]) -> set[str]:
        return {path for path in written if path.startswith(("papers/", "_bib/"))
                or path in ("atom.xml", "sitemap.xml", "robots.txt")}

    assert ours(steps["nochange"]["written"]) == set()
    assert ours(steps["edit"]["written"]) == {"papers/entry00010", "_bib/entry00010.bib",
                                              "atom.xml"}
    assert {"publications", "cv"} <= set(steps["edit"]["written"])
    assert steps["remove"]["removed"] == ["_bib/entry00005.bib", "papers/entry00005.html"]
    assert ours(steps["remove"]["written"]) == {"atom.xml", "sitemap.xml"}


def test_generated_data_is_deterministic(quick_run):
    work, _, _ = quick_run
    again = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import bench; "
         "print(bench.generate_bib(20), end='')", str(SCRIPT.parent)],
        capture_output=True, text=True, check=True).stdout
    first = (work / "n20" / "plain" / "refs.bib").read_text("utf-8")  # as the edit left it
    assert again == first.replace("Revised: ", "")


def test_a_folder_in_use_is_refused(quick_run):
    """The builds are measured with nothing deleted, so the workdir must start empty."""
    work, _, _ = quick_run
    result = subprocess.run([sys.executable, str(SCRIPT), "--sizes", "20", "--workdir", str(work)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "is not empty; name a new or empty folder" in result.stderr


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="needs valgrind")
def test_instruction_counts(tmp_path):
    """--instructions counts one full build of each project; the ratio is ours to plain."""
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--instructions", "--sizes", "5", "--projects",
         "ours,plain", "--workdir", str(tmp_path / "work"), "--json", str(tmp_path / "i.json")],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    rows = {(r["n"], r["project"]): r for r in
            json.loads((tmp_path / "i.json").read_text("utf-8"))["instructions"]}
    assert set(rows) == {(0, "empty"), (5, "ours"), (5, "plain")}
    assert all(r["instructions"] > 10**8 for r in rows.values())
    ours = rows[5, "ours"]
    assert ours["ratio"] == round(ours["instructions"] / rows[5, "plain"]["instructions"], 3)
    assert result.stdout.splitlines()[0].split() == ["N", "project", "instructions", "ratio",
                                                     "to", "plain", "ratio", "to", "pandoc"]
