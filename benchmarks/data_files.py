"""Time and peak memory of loading large or hostile data files, without Sphinx.

Each case writes its file once into a temporary folder, then loads it in a fresh interpreter
(so one case's memory never counts in another's) capped at 4 GiB of address space, and prints
the seconds (wall and CPU) the load took and the process's peak resident memory. ``benchmarks/README.md``
has the figures.

    .venv/bin/python benchmarks/data_files.py            # every case, about a minute
    .venv/bin/python benchmarks/data_files.py yaml-service bib-macros
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

#: Run in a fresh interpreter: load one file, report seconds, peak MiB and what was found.
_CHILD = """
import json, resource, sys, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
kind, path = sys.argv[1], Path(sys.argv[2])
from portfolio.data import bibfile, publications, records, yamlfile
start, cpu = time.perf_counter(), time.process_time()
try:
    if kind == "bib":
        parsed = bibfile.parse_bibfiles([path])
        found, problems = len(parsed.data.entries), parsed.problems
    elif kind == "service":
        roles, problems = records.load_service(path)
        found = sum(len(role.items) for role in roles)
    else:
        data = yamlfile.load_yaml(path)
        yamlfile.validate(data, publications.overlay_schema())
        found, problems = len(data.value or ()), data.problems
    outcome = f"{found:,} found, {len(problems):,} problems"
except MemoryError:
    outcome = "MemoryError (4 GiB cap)"
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": peak, "outcome": outcome}))
"""

WORDS = "Caching agents and video analytics under tight latency budgets. " * 8


def service_yaml(invalid: bool = False, dense: bool = False) -> str:
    """About 5 MB of service roles, each with eight venues (name, year, detail and, unless
    *dense*, a link) and four plain items; *invalid* misspells a field of every venue."""
    year = "yaer" if invalid else "year"
    parts, size, role = [], 0, 0
    while size < 5_000_000:
        block = (f"- role: Reviewer number {role}\n  section: service\n  items:\n" + "".join(
            f"    - name: Conference {role}-{k}\n      {year}: {2000 + k}\n"
            f"      detail: Program committee {k}\n"
            + ("" if dense else f"      url: https://example.org/{role}/{k}\n")
            for k in range(8)) + "".join(f"    - Workshop {role}-{k} 2024\n" for k in range(4)))
        parts.append(block)
        size += len(block)
        role += 1
    return "".join(parts)


def overlay_yaml(entries: int = 10_000) -> str:
    """The overlay of tests/test_large_input.py: an abstract and a note per entry, 5.8 MB."""
    return "".join(f"entry{n}:\n  abstract: \"{n}: {WORDS}\"\n  notes:\n"
                   f"    - Shown at workshop {n % 7}.\n" for n in range(entries))


def macros_bib(count: int = 20_000) -> str:
    """*count* ``@string`` macros, each used by one entry that follows it."""
    return "".join(f'@string{{venue{n} = "Conference number {n}"}}\n'
                   f"@inproceedings{{entry{n},\n  title = {{Paper {n}}},\n  author = {{Doe, Jane}},\n"
                   f"  booktitle = venue{n},\n  year = {{2020}},\n}}\n" for n in range(count))


def macro_bomb_bib(levels: int = 40) -> str:
    """Macros that each concatenate the one before twice: the last is 2**levels characters."""
    return '@string{a0 = "x"}\n' + "".join(
        f"@string{{a{n} = a{n - 1} # a{n - 1}}}\n" for n in range(1, levels + 1)) + (
        f"@article{{bomb,\n  title = a{levels},\n  author = {{Doe, Jane}},\n  year = {{2020}},\n}}\n")


CASES = {
    "yaml-service": ("service", "service.yaml", lambda: service_yaml()),
    "yaml-service-dense": ("service", "service.yaml", lambda: service_yaml(dense=True)),
    "yaml-service-invalid": ("service", "service.yaml", lambda: service_yaml(invalid=True)),
    "yaml-overlay": ("overlay", "publications.yaml", overlay_yaml),
    "bib-macros": ("bib", "refs.bib", macros_bib),
    "bib-macro-bomb": ("bib", "refs.bib", macro_bomb_bib),
}


def measure(name: str, folder: Path, python: str) -> dict:
    kind, filename, make = CASES[name]
    path = folder / name / filename
    path.parent.mkdir()
    path.write_text(make(), "utf-8")
    result = subprocess.run([python, "-c", _CHILD, kind, str(path)], capture_output=True,
                            text=True, check=False, timeout=1800)
    if result.returncode != 0:
        return {"seconds": None, "cpu": None, "peak_mib": None,
                "outcome": f"failed: {(result.stderr.strip().splitlines() or ['?'])[-1]}"}
    return {**json.loads(result.stdout), "megabytes": path.stat().st_size / 1e6}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help=f"cases to run: {', '.join(CASES)} (default: all)")
    parser.add_argument("--python", default=sys.executable,
                        help="the interpreter with the project installed")
    args = parser.parse_args(argv)
    unknown = set(args.cases) - set(CASES)
    if unknown:
        parser.error(f"unknown case {', '.join(sorted(unknown))}; choose from {', '.join(CASES)}")
    print("| case | file MB | seconds | CPU seconds | peak MiB | outcome |\n"
          "| --- | ---: | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.cases or CASES:
            found = measure(name, Path(folder), args.python)
            figures = [f"{found[k]:{f}}" if found[k] is not None else "–"
                       for k, f in (("seconds", ".2f"), ("cpu", ".2f"), ("peak_mib", ".0f"))]
            print(f"| {name} | {found.get('megabytes', 0):.1f} | {' | '.join(figures)} | "
                  f"{found['outcome']} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
