"""Build-time benchmark: our ``publications`` page against a plain sphinxcontrib-bibtex
``bibliography`` page over the same generated ``.bib`` file.

For each size N it writes a seeded, realistic BibTeX file (1-30 authors with accents, venues,
links, abstracts, LaTeX in titles) and small Sphinx projects with sphinx-book-theme:

* ``site``  - this repository's own site (its ``conf.py``, pages and data files) over the
  generated entries: paper pages, a ``.bib`` file per entry, the CV page, a news page, the
  feed and the sitemap;
* ``ours``  - the portfolio extension, one page with ``.. publications::`` and one that refers to
  a single entry with ``:pub:``;
* ``lean``  - the same, showing what ``plain`` shows: no abstract or BibTeX toggles, no ``.bib``
  file per entry;
* ``plain`` - sphinxcontrib-bibtex alone, one page with ``.. bibliography:: :all:``;
* ``empty`` - the same pages without publications or extensions (the baseline rebuild time);
* ``pandoc`` - when pandoc is installed: ``pandoc --citeproc``, one standalone page listing
  every entry (a full build only: pandoc has no rebuild).

Each project is built as a subprocess (``python -m sphinx``): a full build into a new output
folder, a rebuild with nothing changed, and a rebuild after editing one entry's title (the
``site`` project then one after removing an entry). Wall seconds come from
``time.perf_counter``, CPU seconds (user and system) and peak memory from ``os.wait4``, read by
a small launcher process so that this script's own memory is not counted. The files whose
content or time changed are recorded, to show what a rebuild rewrote.
The runs of the projects alternate (site, ours, lean, plain, ...), so a machine whose speed
drifts slows all of them alike, and nothing is deleted until every run is done: on some file
systems creating files right after deleting many is ten times slower for a minute or more.
``--instructions`` counts instead the instructions of one full build of each project under
valgrind, a figure a busy machine does not change. Run ``python benchmarks/bench.py -h``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

STEPS = ("full", "nochange", "edit", "remove")
PROJECTS = ("site", "ours", "lean", "plain", "pandoc")
#: The projects built with this extension, each compared with plain (and pandoc).
OURS = ("site", "ours", "lean")
#: What each project is measured doing (the others: full, nochange, edit).
PROJECT_STEPS = {"empty": ("full", "nochange"), "pandoc": ("full",), "site": STEPS}
#: The projects each of ours is compared with, and on which steps.
BASELINES = {"plain": ("full", "nochange", "edit"), "pandoc": ("full",)}
#: This repository: the ``site`` project is its own site.
REPOSITORY = Path(__file__).resolve().parent.parent
#: What the lean project leaves out: the extras plain sphinxcontrib-bibtex does not have.
LEAN_CONF = "portfolio_toggles = []\nportfolio_bib_files = False\n"

# ---------------------------------------------------------------------------------------------
# Data

GIVEN = ["Qizheng", "Ana", "José", "Zoë", "Björn", "Łukasz", "François", "Søren", "Chen", "Priya",
         "Mehmet", "Ines", "Hiroshi", "Olga", "Kwame", "Amélie", "Jürgen", "Yuki", "Raúl", "Siobhán",
         "Dmitri", "Nour", "Mateo", "Aisling", "Wei", "Thandiwe", "Ngozi", "Elif", "Tomás", "Ada"]
SURNAMES = ["Zhang", "Müller", "García", "Nguyễn", "O'Brien", "Kowalski", "Dubois", "Østergaard",
            "Smith", "Patel", "Yılmaz", "Šimić", "Tanaka", "Ivanova", "Mensah", "Lefèvre", "Weiß",
            "Suzuki", "Fernández", "Ní Bhriain", "Petrov", "Haddad", "Silva", "Kelly", "Li",
            "Dlamini", "Okafor", "Demir", "Álvarez", "Lovelace", "van der Berg", "de la Cruz"]
#: The same accents written the LaTeX way, as many real files do.
LATEX_NAMES = [("Jos{\\'e}", "Garc{\\'\\i}a"), ("Zo{\\\"e}", "M{\\\"u}ller"),
               ("Fran{\\c{c}}ois", "Lef{\\`e}vre"), ("J{\\\"u}rgen", "Wei{\\ss}"),
               ("S{\\o}ren", "{\\O}stergaard"), ("Ra{\\'u}l", "Fern{\\'a}ndez")]
VENUES = [
    ("booktitle", "USENIX Symposium on Operating Systems Design and Implementation (OSDI)"),
    ("booktitle", "ACM SIGCOMM Conference (SIGCOMM)"),
    ("booktitle", "Conference on Neural Information Processing Systems (NeurIPS)"),
    ("booktitle", "International Conference on Machine Learning (ICML)"),
    ("booktitle", "USENIX Symposium on Networked Systems Design and Implementation (NSDI)"),
    ("booktitle", "ACM Symposium on Operating Systems Principles (SOSP)"),
    ("journal", "Proceedings of the VLDB Endowment"),
    ("journal", "Communications of the ACM"),
    ("journal", "IEEE/ACM Transactions on Networking"),
    ("journal", "Journal of Machine Learning Research"),
]
TOPICS = ["Caching", "Language Models", "Video Analytics", "Networking", "Compilers", "Agents",
          "Databases", "Scheduling", "Edge Computing", "Privacy"]
WORDS = ["adaptive", "scalable", "efficient", "learned", "distributed", "robust", "streaming",
         "private", "approximate", "serverless", "federated", "sparse", "hierarchical",
         "incremental", "secure", "low-latency", "energy-aware", "caching", "inference", "training",
         "scheduling", "compression", "retrieval", "placement", "routing", "replication", "indexing",
         "planning", "reasoning"]
TITLE_LATEX = ["{GPU}", "{LLM}", "\\emph{in situ}", "$O(n \\log n)$", "Caf{\\'e}", "{R}{\\&}{D}",
               "10--100$\\times$", "{\\textsc{Flash}}", "na{\\\"\\i}ve"]


def _person(rng: random.Random) -> str:
    if rng.random() < 0.15:
        first, last = rng.choice(LATEX_NAMES)
    else:
        first, last = rng.choice(GIVEN), rng.choice(SURNAMES)
        if rng.random() < 0.2:
            first = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}."
    return f"{last}, {first}"


def _title(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 11))]
    words[0] = words[0].capitalize()
    words.insert(rng.randint(0, len(words)), rng.choice(TITLE_LATEX))
    name = "".join(w.capitalize() for w in rng.sample(WORDS, 2))[:12]
    return f"{{{name}}}: " + " ".join(words)


def bib_entry(index: int, rng: random.Random) -> str:
    """One realistic entry; its key is ``entryNNNNN``."""
    key = f"entry{index:05d}"
    kind = rng.choices(["inproceedings", "article", "misc", "phdthesis", "techreport"],
                       weights=[50, 25, 18, 3, 4])[0]
    authors = [_person(rng) for _ in range(min(30, max(1, int(rng.expovariate(1 / 5)))))]
    if rng.random() < 0.5:
        authors[rng.randrange(len(authors))] = "Zhang, Qizheng"
    year = rng.randint(1995, 2025)
    fields = [("title", "{" + _title(rng) + "}"), ("author", "{" + " and ".join(authors) + "}")]
    if kind in ("inproceedings", "article"):
        name, venue = rng.choice([v for v in VENUES if (v[0] == "journal") == (kind == "article")])
        fields.append((name, "{" + venue + "}"))
        if kind == "article":
            fields += [("volume", f"{{{rng.randint(1, 60)}}}"), ("number", f"{{{rng.randint(1, 12)}}}"),
                       ("pages", f"{{{(p := rng.randint(1, 900))}--{p + rng.randint(5, 20)}}}")]
        else:
            fields.append(("pages", f"{{{(p := rng.randint(1, 900))}--{p + rng.randint(5, 20)}}}"))
    elif kind == "misc":
        fields.append(("howpublished", "{arXiv preprint}"))
        fields.append(("eprint", f"{{{rng.randint(1500, 2512)}.{rng.randint(1, 19999):05d}}}"))
        fields.append(("archiveprefix", "{arXiv}"))
    elif kind == "phdthesis":
        fields.append(("school", "{" + rng.choice(["Stanford University", "ETH Z{\\\"u}rich",
                                                   "Universit{\\'e} Paris-Saclay"]) + "}"))
    else:
        fields.append(("institution", "{" + rng.choice(["MIT CSAIL", "Microsoft Research",
                                                        "Max-Planck-Institut f{\\\"u}r Informatik"]) + "}"))
        fields.append(("number", f"{{TR-{year}-{rng.randint(1, 99)}}}"))
    fields.append(("year", f"{{{year}}}"))
    if rng.random() < 0.6:
        fields.append(("month", rng.choice(["jan", "mar", "may", "jul", "sep", "nov"])))
    if rng.random() < 0.7:
        fields.append(("doi", f"{{10.{rng.randint(1000, 9999)}/{key}.{year}}}"))
    if rng.random() < 0.6:
        fields.append(("url", f"{{https://example.org/papers/{key}}}"))
    if rng.random() < 0.3:
        fields.append(("code", f"{{https://github.com/example/{key}}}"))
    if rng.random() < 0.15:
        fields.append(("slides", f"{{https://example.org/slides/{key}.pdf}}"))
    if rng.random() < 0.5:
        abstract = " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 200)))
        fields.append(("abstract", "{" + abstract.capitalize() + ". We show a 3--5$\\times$ "
                       "speed-up over the state of the art.}"))
    fields.append(("keywords", "{" + ", ".join(rng.sample(TOPICS, rng.randint(1, 3))) + "}"))
    if rng.random() < 0.05:
        fields.append(("award", "{Best Paper Award}"))
    if rng.random() < 0.1:
        fields.append(("selected", "{true}"))
    body = ",\n".join(f"  {name:<13}= {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body},\n}}\n"


def generate_bib(n: int, seed: int = 8) -> str:
    """A deterministic ``.bib`` text of *n* entries."""
    rng = random.Random(seed * 1_000_003 + n)
    return "% Generated by benchmarks/bench.py\n\n" + "\n".join(
        bib_entry(i, rng) for i in range(n))


def edit_one_entry(bib: str, n: int) -> str:
    """Change the title of the entry in the middle of the file."""
    key = f"entry{n // 2:05d}"
    start = bib.index(f"{{{key},")
    title = bib.index("title        = {", start) + len("title        = {")
    return bib[:title] + "Revised: " + bib[title:]


def removed_key(n: int) -> str:
    return f"entry{n // 4:05d}"


def remove_one_entry(bib: str, n: int) -> str:
    """Leave out the entry a quarter of the way into the file."""
    start = bib.rindex("\n@", 0, bib.index(f"{{{removed_key(n)},")) + 1
    end = bib.find("\n@", start)
    return bib[:start] + (bib[end + 1:] if end >= 0 else "")


# ---------------------------------------------------------------------------------------------
# Projects

COMMON_CONF = """\
project = "Benchmark"
author = "Benchmark"
html_theme = "sphinx_book_theme"
html_context = {"default_mode": "auto"}
"""
OTHER_PAGES = {
    "about": "About\n=====\n\nA page with no publications on it.\n",
    "teaching": "Teaching\n========\n\nAnother page with no publications.\n",
    "news": "News\n====\n\nNothing about publications here either.\n",
}


def _index(pages: list[str]) -> str:
    return ("Home\n====\n\n.. toctree::\n   :maxdepth: 1\n\n"
            + "".join(f"   {p}\n" for p in pages))


#: The site's address, so that the ``site`` project writes its feed and sitemap.
SITE_URL = "https://example.org/"
#: The ``site`` project's news file: the seed site has none.
NEWS_ITEMS = 30


def write_site(src: Path, n: int) -> None:
    """This repository's site as it is (``conf.py``, the pages and data files of ``docs/``), with
    the site's address set and a news page; ``refs.bib`` is the generated one. The seed's
    overlay of notes names the seed's entries, so it is left out; the ``{pub}`` references of
    the home page name generated entries instead."""
    docs = src / "docs"
    shutil.copytree(REPOSITORY / "docs", docs, ignore=shutil.ignore_patterns("template"))
    (docs / "_data" / "publications.yaml").unlink(missing_ok=True)
    conf = (REPOSITORY / "conf.py").read_text("utf-8")
    (src / "conf.py").write_text(conf + f"\nhtml_baseurl = {SITE_URL!r}\n", "utf-8")
    index = docs / "index.md"
    keys = iter(f"entry{(i * 7) % max(n, 1):05d}" for i in range(1, 10_000))
    text = re.sub(r"\{pub\}`[^`]+`", lambda _: f"{{pub}}`{next(keys)}`", index.read_text("utf-8"))
    index.write_text(text.replace("\ncv\n```", "\ncv\nnews\n```"), "utf-8")
    (docs / "news.md").write_text("# News\n\n```{news}\n```\n", "utf-8")
    rng = random.Random(n)
    items = [f"- date: {2015 + i // 3}-{1 + i % 12:02d}-{1 + rng.randrange(28):02d}\n"
             f"  text: Paper on {rng.choice(TOPICS).lower()} accepted at "
             f"[{rng.choice(VENUES)[1]}](https://example.org/news/{i}).\n"
             for i in range(NEWS_ITEMS)]
    (docs / "_data" / "news.yaml").write_text("".join(items), "utf-8")


def write_project(root: Path, kind: str, bib: str | None, n: int) -> Path:
    """Write the project *kind* (site, ours, lean, plain, empty, pandoc) under *root*; return
    its folder."""
    src = root / kind
    src.mkdir(parents=True)
    if kind == "site":
        write_site(src, n)
    if kind in ("site", "pandoc"):
        if kind == "pandoc":
            (src / "page.md").write_text("---\ntitle: Publications\nnocite: '@*'\n---\n", "utf-8")
        if bib is not None:
            (src / "refs.bib").write_text(bib, "utf-8")
        return src
    pages = dict(OTHER_PAGES)
    conf = COMMON_CONF
    if kind in OURS:
        conf += ('extensions = ["portfolio"]\nbibtex_bibfiles = ["refs.bib"]\n'
                 'portfolio_owner = ["Qizheng Zhang"]\nportfolio_profile = ""\n')
        conf += LEAN_CONF if kind == "lean" else ""
        pages["publications"] = "Publications\n============\n\n.. publications::\n"
        pages["highlight"] = (f"Highlight\n=========\n\nSee :pub:`entry{n // 2:05d}`.\n")
    elif kind == "plain":
        conf += 'extensions = ["sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["refs.bib"]\n'
        pages["publications"] = "Publications\n============\n\n.. bibliography::\n   :all:\n"
    (src / "conf.py").write_text(conf, "utf-8")
    for name, text in pages.items():
        (src / f"{name}.rst").write_text(text, "utf-8")
    (src / "index.rst").write_text(_index(list(pages)), "utf-8")
    if bib is not None:
        (src / "refs.bib").write_text(bib, "utf-8")
    return src


# ---------------------------------------------------------------------------------------------
# Measuring


@dataclass
class Measure:
    wall: float  #: seconds
    cpu: float  #: user + system seconds of the build process
    sys: float  #: of them, system seconds (the kernel: files, memory)
    peak_mb: float  #: peak resident memory of the build process, MiB
    pages: int  #: HTML pages written or changed by this build
    files: int = 0  #: other files of the output written, changed or removed (not ``_static``)
    written: tuple[str, ...] = ()  #: the pages (without ".html") and files (of the first run)
    removed: tuple[str, ...] = ()  #: files the build removed


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file of the output but the theme's static files
    and the saved environment."""
    stamps = {}
    for path in out.rglob("*"):
        relative = path.relative_to(out)
        if relative.parts[0] in ("_static", ".doctrees") or not path.is_file():
            continue
        info = path.stat()
        stamps[relative.as_posix()] = (info.st_mtime_ns, info.st_size)
    return stamps


#: Run in a fresh interpreter, this starts the build and reports its usage as JSON. A build
#: started straight from this script would count the script's own memory (a forked child's
#: peak includes what it shared with its parent before ``exec``).
_LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    json.dump({"wall": time.perf_counter() - start, "user": usage.ru_utime,
               "sys": usage.ru_stime, "maxrss": usage.ru_maxrss,
               "code": os.waitstatus_to_exitcode(status)}, report)
"""


def sphinx_command(python: str, src: Path, out: Path) -> list[str]:
    """The HTML build of *src* into *out*, as every project is built; the ``site`` project
    keeps ``conf.py`` beside its pages folder, as the site does; ``pandoc`` is one command."""
    if (src / "page.md").exists():
        return [shutil.which("pandoc") or "pandoc", "--citeproc", "--standalone",
                "--bibliography", str(src / "refs.bib"), "-o", str(out / "index.html"),
                str(src / "page.md")]
    if (src / "docs").is_dir():
        return [python, "-m", "sphinx", "-b", "html", "-q", "-c", str(src), str(src / "docs"),
                str(out)]
    return [python, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)]


def compile_extension(python: str) -> None:
    """Compile the extension's modules to bytecode, as an installed copy has them: an editable
    install under ``PYTHONDONTWRITEBYTECODE`` (set on some machines) would otherwise compile
    every module again in every build (0.15 s), which no user's build does. The other
    packages were compiled when pip installed them."""
    subprocess.run([python, "-c", "import compileall, pathlib, portfolio; compileall.compile_dir("
                    "pathlib.Path(portfolio.__file__).parent, quiet=1)"], check=True)


def run_build(python: str, src: Path, out: Path, log: Path) -> Measure:
    """One build as a child process, measured with ``os.wait4``."""
    before = _stamps(out) if out.exists() else {}
    out.mkdir(parents=True, exist_ok=True)
    command = sphinx_command(python, src, out)
    report = log.with_name("usage.json")
    with log.open("a") as stream:
        stream.write(f"$ {' '.join(command)}\n")
        stream.flush()
        subprocess.run([sys.executable, "-c", _LAUNCHER, str(report), *command],
                       stdout=stream, stderr=stream, check=False)
    usage = json.loads(report.read_text("utf-8"))
    if usage["code"] != 0:
        tail = "".join(log.read_text("utf-8").splitlines(keepends=True)[-20:])
        raise RuntimeError(f"build of {src} failed ({usage['code']}):\n{tail}")
    after = _stamps(out)
    changed = sorted(path for path, stamp in after.items() if before.get(path) != stamp)
    removed = tuple(sorted(before.keys() - after.keys()))
    pages = [path for path in changed if path.endswith(".html")]
    written = tuple(path.removesuffix(".html") if path.endswith(".html") else path
                    for path in changed)
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    peak = usage["maxrss"] / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Measure(wall=usage["wall"], cpu=usage["user"] + usage["sys"], sys=usage["sys"],
                   peak_mb=peak, pages=len(pages), files=len(changed) - len(pages) + len(removed),
                   written=written, removed=removed)


def measure_project(python: str, src: Path, out: Path, kind: str, bibs: dict[str, str],
                    log: Path) -> dict[str, Measure]:
    """The project's steps (:data:`PROJECT_STEPS`): a full build into the new folder *out*, a
    rebuild with nothing changed, a rebuild after one edit, one after a removal. *bibs* has
    the ``.bib`` text before each step ("" for none)."""
    result = {}
    for step in PROJECT_STEPS.get(kind, STEPS[:3]):
        if bibs.get(step):
            time.sleep(0.01)  # distinct modification times for the pages of the next build
            (src / "refs.bib").write_text(bibs[step], "utf-8")
        result[step] = run_build(python, src, out, log)
    return result


def _median(measures: list[Measure]) -> Measure:
    middle = [statistics.median(getattr(m, f) for m in measures)
              for f in ("wall", "cpu", "sys", "peak_mb", "pages", "files")]
    return Measure(*middle, written=measures[0].written, removed=measures[0].removed)


def plan_projects(sizes: list[int], workdir: Path, seed: int, projects: tuple[str, ...]
                  ) -> tuple[dict[int, str], dict[tuple[int, str], Path]]:
    """Generate each size's ``.bib`` file (once per size) and write the empty project and each
    project at each size; return the files by size and the projects' folders."""
    bibs = {n: generate_bib(n, seed) for n in sizes}
    sources = {(0, "empty"): write_project(workdir, "empty", None, 0)}
    for n, bib in bibs.items():
        for kind in projects:
            sources[n, kind] = write_project(workdir / f"n{n}", kind, bib, n)
    return bibs, sources


def output_folder(src: Path, name: str) -> Path:
    """Where a build of *src* writes: beside the project, outside its source folder (which
    Sphinx would otherwise search for pages on every rebuild)."""
    return src.with_name(f"{src.name}.out") / name


def step_bibs(bib: str, n: int) -> dict[str, str]:
    """The ``.bib`` text each step starts by writing ("" when it writes none)."""
    edited = edit_one_entry(bib, n)
    return {"full": bib, "edit": edited, "remove": remove_one_entry(edited, n)}


def run(sizes: list[int], runs: int, workdir: Path, python: str, seed: int,
        projects: tuple[str, ...] = PROJECTS) -> dict:
    """Measure every size; return the results as plain data (see :func:`format_table`).
    Run *r* of a project writes into ``<project>.out/run-r``."""
    log = workdir / "builds.log"
    bibs, sources = plan_projects(sizes, workdir, seed, projects)
    steps = {n: step_bibs(bib, n) for n, bib in bibs.items()}
    measured: dict[tuple[int, str], list[dict[str, Measure]]] = {}
    for index in range(runs):
        for (n, kind), src in sources.items():
            out = output_folder(src, f"run-{index + 1}")
            measured.setdefault((n, kind), []).append(
                measure_project(python, src, out, kind, steps.get(n, {}), log))
    rows = []
    for (n, kind), results in measured.items():
        for step in results[0]:
            rows.append({"n": n, "project": kind, "step": step,
                         **asdict(_median([r[step] for r in results]))})
    return {"machine": machine(), "runs": runs, "seed": seed, "rows": rows,
            "ratios": ratios(measured), "over_empty": over_empty(measured)}


def ratios(measured: dict[tuple[int, str], list[dict[str, Measure]]]) -> list[dict]:
    """Each of ours to each baseline (plain, pandoc) for each size and step: the ratio of each
    run's builds (made one after the other, so a machine whose speed drifts slows both alike),
    the median over the runs, and the smallest and largest."""
    result = []
    for (n, project), runs in measured.items():
        if project not in OURS:
            continue
        for baseline, steps in BASELINES.items():
            other = measured.get((n, baseline))
            if other is None:
                continue
            for step in steps:
                row: dict = {"n": n, "project": project, "baseline": baseline, "step": step}
                for f in ("wall", "cpu", "peak_mb"):
                    each = [getattr(a[step], f) / getattr(b[step], f)
                            for a, b in zip(runs, other) if getattr(b[step], f)]
                    row[f] = round(statistics.median(each), 3) if each else None
                    if f == "cpu" and each:
                        row["cpu_range"] = [round(min(each), 3), round(max(each), 3)]
                result.append(row)
    return result


def over_empty(measured: dict[tuple[int, str], list[dict[str, Measure]]]) -> list[dict]:
    """What a no-change rebuild of each of ours costs over the empty project's: the median of
    each run's difference (the two built one after the other), with the range."""
    empty = measured.get((0, "empty"))
    result = []
    for (n, project), runs in measured.items():
        if project not in OURS or empty is None:
            continue
        row: dict = {"n": n, "project": project}
        for f in ("wall", "cpu"):
            each = [getattr(a["nochange"], f) - getattr(b["nochange"], f)
                    for a, b in zip(runs, empty)]
            row[f] = round(statistics.median(each), 3)
            row[f"{f}_range"] = [round(min(each), 3), round(max(each), 3)]
        result.append(row)
    return result


def count_instructions(sizes: list[int], workdir: Path, python: str, seed: int,
                       projects: tuple[str, ...] = PROJECTS) -> dict:
    """One full build of each project under valgrind's cachegrind: the instructions it
    executed. Unlike seconds, the count is the same on a busy machine as on an idle one
    (hash seeds fixed); it leaves out what memory access costs."""
    _, sources = plan_projects(sizes, workdir, seed, projects)
    rows = []
    for (n, kind), src in sources.items():
        out = output_folder(src, "instructions")
        out.mkdir(parents=True)
        done = subprocess.run(
            ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
             *sphinx_command(python, src, out)],
            capture_output=True, text=True, check=False, env={**os.environ, "PYTHONHASHSEED": "0"})
        found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
        if done.returncode != 0 or found is None:
            raise RuntimeError(f"build of {src} under valgrind failed:\n{done.stderr[-2000:]}")
        rows.append({"n": n, "project": kind, "instructions": int(found.group(1).replace(",", ""))})
    counts = {(r["n"], r["project"]): r["instructions"] for r in rows}
    for row in rows:
        if row["project"] not in OURS:
            continue
        for baseline in BASELINES:
            if (row["n"], baseline) in counts:
                name = "ratio" if baseline == "plain" else f"ratio_{baseline}"
                row[name] = round(row["instructions"] / counts[row["n"], baseline], 3)
    return {"machine": machine(), "seed": seed, "instructions": rows}


def format_instructions(result: dict) -> str:
    lines = [f"{'N':>6}  {'project':<7} {'instructions':>16} {'ratio to plain':>15} "
             f"{'ratio to pandoc':>16}"]
    for r in result["instructions"]:
        cells = [f"{r[name]:>{width}.3f}" if name in r else " " * width
                 for name, width in (("ratio", 15), ("ratio_pandoc", 16))]
        lines.append(f"{r['n']:>6}  {r['project']:<7} {r['instructions']:>16,} "
                     f"{cells[0]} {cells[1]}".rstrip())
    return "\n".join(lines)


def machine() -> dict:
    versions = {}
    for name in ("sphinx", "sphinxcontrib-bibtex", "pybtex", "sphinx-book-theme",
                 "sphinx-academic-portfolio"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    pandoc = shutil.which("pandoc")
    if pandoc:
        done = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=False)
        versions["pandoc"] = done.stdout.split("\n", 1)[0].removeprefix("pandoc ").strip()
    return {"platform": platform.platform(), "processor": _cpu_model(),
            "cpus": os.cpu_count(), "python": platform.python_version(), "packages": versions}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor()


def format_table(result: dict) -> str:
    """The results as a plain-text table: one row per size, project and step, then ratios and
    the no-change rebuilds over the empty project's."""
    lines = [f"{'N':>6}  {'project':<7} {'step':<9} {'wall s':>8} {'CPU s':>8} {'sys s':>7} "
             f"{'peak MiB':>9} {'pages':>6} {'files':>6}"]
    for r in result["rows"]:
        lines.append(f"{r['n']:>6}  {r['project']:<7} {r['step']:<9} {r['wall']:>8.2f} "
                     f"{r['cpu']:>8.2f} {r['sys']:>7.2f} {r['peak_mb']:>9.0f} {r['pages']:>6.0f} "
                     f"{r['files']:>6.0f}")
    lines.append("")
    lines.append(f"{'N':>6}  {'ratio':<25} {'wall':>8} {'CPU':>8} {'memory':>9} "
                 f"{'CPU, each run':>15}")
    for r in result["ratios"]:
        cells = [f"{r[f]:>8.2f}" if r[f] is not None else f"{'-':>8}" for f in ("wall", "cpu")]
        memory = f"{r['peak_mb']:>9.2f}" if r["peak_mb"] is not None else f"{'-':>9}"
        spread = "{:.2f}-{:.2f}".format(*r["cpu_range"]) if r.get("cpu_range") else "-"
        label = f"{r['project']}/{r['baseline']} {r['step']}"
        lines.append(f"{r['n']:>6}  {label:<25} {cells[0]} {cells[1]} {memory} {spread:>15}")
    if result.get("over_empty"):
        lines.append("")
        lines.append(f"{'N':>6}  {'no-change rebuild over the empty project':<40} {'wall':>8} "
                     f"{'CPU':>8} {'CPU, each run':>15}")
        for r in result["over_empty"]:
            spread = "{:+.2f}..{:+.2f}".format(*r["cpu_range"])
            lines.append(f"{r['n']:>6}  {r['project']:<40} {r['wall']:>+8.2f} {r['cpu']:>+8.2f} "
                         f"{spread:>15}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000",
                        help="comma-separated entry counts (default: 100,1000,10000)")
    parser.add_argument("--runs", type=int, default=3,
                        help="builds of each kind; the median is shown (default: 3)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--workdir", type=Path,
                        help="a new or empty folder to write the projects in and keep them "
                             "(default: a temporary folder)")
    parser.add_argument("--seed", type=int, default=8, help="seed of the generated data")
    available = tuple(p for p in PROJECTS if p != "pandoc" or shutil.which("pandoc"))
    parser.add_argument("--projects", default=",".join(available),
                        help="which projects to build besides the empty one (default: "
                             f"{','.join(PROJECTS)}; pandoc when it is installed)")
    parser.add_argument("--python", default=sys.executable,
                        help="the Python that runs Sphinx (default: this one)")
    parser.add_argument("--instructions", action="store_true",
                        help="instead of timing, count the instructions of one full build of "
                             "each project with valgrind (slow: about 40 times a build)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    projects = tuple(p.strip() for p in args.projects.split(",") if p.strip())
    if unknown := set(projects) - set(PROJECTS):
        parser.error(f"unknown project {', '.join(sorted(unknown))}; choose from {', '.join(PROJECTS)}")
    if "pandoc" in projects and shutil.which("pandoc") is None:
        parser.error("the pandoc project needs pandoc (Debian: apt-get install pandoc)")
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind (Debian: apt-get install valgrind)")
    if args.workdir is not None and args.workdir.exists() and any(args.workdir.iterdir()):
        parser.error(f"--workdir {args.workdir} is not empty; name a new or empty folder "
                     "(nothing is deleted while the builds are measured)")

    def measure(workdir: Path) -> dict:
        compile_extension(args.python)
        if args.instructions:
            return count_instructions(sizes, workdir, args.python, args.seed, projects)
        return run(sizes, args.runs, workdir, args.python, args.seed, projects)

    if args.workdir is None:
        with tempfile.TemporaryDirectory(prefix="portfolio-bench-") as tmp:
            result = measure(Path(tmp))
    else:
        args.workdir.mkdir(parents=True, exist_ok=True)
        result = measure(args.workdir.resolve())
    table = format_instructions(result) if args.instructions else format_table(result)
    sys.stdout.write(table + "\n")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
