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
        (20, project, step) for project in ("ours", "lean", "plain")
        for step in ("full", "nochange", "edit")}
    for row in data["rows"]:
        assert row["wall"] > 0 and row["cpu"] > row["sys"] > 0 and row["peak_mb"] > 0
    assert {(r["n"], r["project"], r["step"]) for r in data["ratios"]} == {
        (20, project, step) for project in ("ours", "lean") for step in ("full", "nochange", "edit")}
    for ratio in data["ratios"]:  # the median of each run's ratio lies within their range
        low, high = ratio["cpu_range"]
        assert 0 < low <= ratio["cpu"] <= high
    assert data["machine"]["cpus"] >= 1


def test_table_has_a_line_per_measurement(quick_run):
    _, table, data = quick_run
    lines = table.splitlines()
    assert lines[0].split() == ["N", "project", "step", "wall", "s", "CPU", "s", "sys", "s",
                                "peak", "MiB", "pages"]
    for row in data["rows"]:
        assert any(line.split()[:3] == [str(row["n"]), row["project"], row["step"]]
                   for line in lines)
    # 3 steps, 3 ratios, the no-change rebuild over the empty project
    assert sum(line.split()[1:2] == ["ours"] for line in lines) == 7


def test_every_page_lists_every_generated_entry(quick_run):
    work, _, _ = quick_run
    ours, lean, plain = ((work / "n20" / f"{kind}.out" / "run-1" / "publications.html")
                         .read_text("utf-8") for kind in ("ours", "lean", "plain"))
    assert ours.count('class="pub ') == 20 and lean.count('class="pub ') == 20
    assert plain.count('role="doc-biblioentry"') == 20
    assert all("Revised: " in page for page in (ours, lean, plain))  # the edited entry, rebuilt
    assert "pub-bibtex" in ours and "pub-bibtex" not in lean  # lean shows what plain shows
    assert (work / "n20" / "ours.out" / "run-1" / "_bib").is_dir()
    assert not (work / "n20" / "lean.out" / "run-1" / "_bib").exists()


def test_edit_rewrites_the_page_that_shows_the_entry(quick_run):
    _, _, data = quick_run
    edit = next(r for r in data["rows"] if r["project"] == "ours" and r["step"] == "edit")
    assert "publications" in edit["written"] and "highlight" in edit["written"]


def test_generated_data_is_deterministic(quick_run):
    work, _, _ = quick_run
    again = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import bench; "
         "print(bench.generate_bib(20), end='')", str(SCRIPT.parent)],
        capture_output=True, text=True, check=True).stdout
    first = (work / "n20" / "plain" / "refs.bib").read_text("utf-8")
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
                                                     "to", "plain"]
