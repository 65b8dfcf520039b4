"""The ``portfolio_*`` options (see :mod:`portfolio.options`) registered with Sphinx and
checked once, before Sphinx's own type check."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..options import DEFAULTS, OPTIONS, check_values, publications_page_problem
from ..render.publications import AuthorNote
from .report import report


def setup_config(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild, types=option.types,
                             description=option.help)
    # Before Sphinx's own type check (priority 800), which then finds every value valid.
    app.connect("config-inited", check_config)
    app.connect("env-check-consistency", check_publications_page)


def check_config(app: Sphinx, config: Config) -> None:
    """Replace each wrong value with its default, with one warning that says why."""
    names = [*DEFAULTS, "bibtex_bibfiles"]
    checked, problems = check_values({name: config[name] for name in names}, _conf_py(app))
    for name, value in checked.items():
        config[name] = value
    report(problems)


def _conf_py(app: Sphinx) -> Path:
    return Path(app.confdir) / "conf.py"


def author_notes(config: Config) -> dict[str, AuthorNote]:
    return {name: AuthorNote(*spec) for name, spec in config.portfolio_author_notes.items()}


def check_publications_page(app: Sphinx, env: BuildEnvironment) -> None:
    problem = publications_page_problem(env.config.portfolio_publications_page, env.found_docs,
                                        _conf_py(app))
    report([problem] if problem else [])
