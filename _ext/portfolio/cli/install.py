"""How a new site installs the extension: the same way this copy of it was installed.

A site must build on a fresh machine from its own files and public packages. Installed from a
package index, the site pins this version; from a VCS URL, that URL at the installed commit
(both read from the distribution's metadata, PEP 610's ``direct_url.json``). Installed from a
local checkout or file, which another machine cannot reach, the site gets a copy of the
extension in ``_ext/`` and a ``pyproject.toml`` that installs it from there, the layout of this
project itself.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from urllib.parse import urlsplit

from .. import __version__

DISTRIBUTION = "sphinx-academic-portfolio"
#: The package folder, as installed or in a checkout's ``_ext/``.
PACKAGE = Path(str(resources.files("portfolio")))
_SKIPPED = ("__pycache__", ".pyc", ".egg-info")


@dataclass(frozen=True)
class Install:
    """Where this copy came from, and what a new site gets so that it installs the same."""

    #: "index", "url" or "copy"
    kind: str
    #: The new site's ``requirements.txt``.
    requirements: str
    #: In a sentence: where this copy was installed from and what a new site gets.
    summary: str
    #: For a copy: the extension's dependencies and the Python it needs.
    dependencies: tuple[str, ...] = ()
    python: str = ""


def detect() -> Install:
    """How this copy of the extension was installed (read from its metadata)."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return _copy(f"this copy of {DISTRIBUTION} is not installed (it runs from {PACKAGE})",
                     *_checkout_metadata())
    direct = json.loads(dist.read_text("direct_url.json") or "null")
    dependencies = tuple(r for r in dist.requires or () if "extra ==" not in r)
    python = dist.metadata["Requires-Python"] or ""
    if direct is None:
        pin = f"{DISTRIBUTION}=={dist.version}"
        return Install("index", pin + "\n",
                       f"this copy was installed from a package index: the new site pins "
                       f"that version ({pin})")
    url = direct.get("url", "")
    if urlsplit(url).scheme not in ("", "file"):
        requirement = f"{DISTRIBUTION} @ {_remote(direct)}"
        return Install("url", requirement + "\n",
                       f"this copy was installed from {url}: the new site installs the same "
                       f"({requirement})")
    where = "a local checkout" if "dir_info" in direct or "vcs_info" in direct else "a local file"
    return _copy(f"this copy was installed from {where} ({url})", dependencies, python)


def _remote(direct: dict) -> str:
    """A PEP 508 URL for the installed source: a VCS URL at its commit, or an archive."""
    url = direct["url"]
    vcs = direct.get("vcs_info")
    if vcs:
        url = f"{vcs['vcs']}+{url}@{vcs['commit_id']}"
    else:
        hashes = direct.get("archive_info", {}).get("hashes", {})
        if "sha256" in hashes:
            url += f"#sha256={hashes['sha256']}"
    if direct.get("subdirectory"):
        url += ("&" if "#" in url else "#") + f"subdirectory={direct['subdirectory']}"
    return url


def _checkout_metadata() -> tuple[tuple[str, ...], str]:
    """Dependencies and Python version from the checkout's pyproject.toml, for a copy that
    runs uninstalled (``PYTHONPATH=_ext``)."""
    pyproject = PACKAGE.parent.parent / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text("utf-8"))["project"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return (), ""
    return tuple(project.get("dependencies", ())), project.get("requires-python", "")


def _copy(origin: str, dependencies: tuple[str, ...], python: str) -> Install:
    return Install("copy", "-e .\n",
                   f"{origin}, which another machine cannot install from: the new site gets "
                   f"a copy of the extension in _ext/ and installs it from there (its "
                   f"requirements.txt holds '-e .', its pyproject.toml the dependencies)",
                   dependencies, python)


def copied_files() -> dict[str, str]:
    """The extension's files, by path in a new site (``_ext/portfolio/...``)."""
    return {f"_ext/portfolio/{path.relative_to(PACKAGE).as_posix()}": path.read_text("utf-8")
            for path in sorted(PACKAGE.rglob("*"))
            if path.is_file() and not any(part.endswith(_SKIPPED) for part in path.parts)}


def site_pyproject(install: Install) -> str:
    """The new site's ``pyproject.toml`` for a copy: the extension in ``_ext/``, installable."""
    dependencies = "".join(f"    {json.dumps(d)},\n" for d in install.dependencies)
    python = f"requires-python = {json.dumps(install.python)}\n" if install.python else ""
    return (
        f"# The academic portfolio extension, version {__version__}, copied into _ext/ by\n"
        f"# `portfolio new` from a local checkout; `pip install -e .` installs it and its\n"
        f"# dependencies (requirements.txt does). To use a published version instead, delete\n"
        f"# _ext/ and this file and put `{DISTRIBUTION}==VERSION` in requirements.txt.\n"
        "[build-system]\n"
        'requires = ["setuptools>=68"]\n'
        'build-backend = "setuptools.build_meta"\n\n'
        "[project]\n"
        f'name = "{DISTRIBUTION}"\n'
        f'version = "{__version__}"\n'
        f"{python}"
        f"dependencies = [\n{dependencies}]\n\n"
        "[project.scripts]\n"
        'portfolio = "portfolio.cli.main:main"\n\n'
        "[tool.setuptools.packages.find]\n"
        'where = ["_ext"]\n\n'
        "[tool.setuptools.package-data]\n"
        'portfolio = ["static/*", "templates/*", "data/schemas/*.json", "texmf/*.sty", '
        '"cli/site/**/*"]\n'
    )
