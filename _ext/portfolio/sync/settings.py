"""Where the services are and how to talk to them: base URLs, timeout, retries, cache.

Every value has a default for the real services and an environment variable
(``PORTFOLIO_DBLP_URL``, ...) that overrides it, so a mirror or a test's local server can
stand in for a service; the command's options override both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .. import __version__

#: The public pages written into refs.bib links; never the (overridable) API addresses.
ARXIV_PDF = "https://arxiv.org/pdf/"


@dataclass(frozen=True)
class Settings:
    dblp_url: str = "https://dblp.org"
    orcid_url: str = "https://pub.orcid.org/v3.0"
    doi_url: str = "https://doi.org"
    arxiv_url: str = "https://export.arxiv.org/api/query"
    openalex_url: str = "https://api.openalex.org"
    timeout: float = 20.0  #: seconds to connect, and between bytes of an answer
    retries: int = 4  #: on 429 and 5xx answers, with backoff
    backoff: float = 1.0  #: seconds; waits grow 0, 2, 4, ... times this
    max_wait: float = 120.0  #: the longest Retry-After waited for; longer ones end the run
    cache: Path | None = None  #: folder of the HTTP cache; None: no cache
    cache_hours: float = 24.0  #: how long an answer is reused
    mailto: str = ""  #: an address for the services' "polite" pools (OpenAlex, Crossref)

    @property
    def user_agent(self) -> str:
        contact = f"; mailto:{self.mailto}" if self.mailto else ""
        return f"sphinx-academic-portfolio/{__version__} (portfolio sync{contact})"


_TYPES = {"timeout": float, "retries": int, "backoff": float, "max_wait": float,
          "cache_hours": float}


def from_environment(environ: dict[str, str] | None = None, **options) -> Settings:
    """Defaults, then ``PORTFOLIO_<NAME>`` variables, then *options* that are not None."""
    environ = os.environ if environ is None else environ
    values = {}
    for spec in fields(Settings):
        text = environ.get(f"PORTFOLIO_{spec.name.upper()}")
        if text:
            values[spec.name] = Path(text) if spec.name == "cache" else _TYPES.get(spec.name, str)(text)
    values |= {name: value for name, value in options.items() if value is not None}
    settings = replace(Settings(), **values)
    return replace(settings, **{name: getattr(settings, name).rstrip("/")
                                for name in ("dblp_url", "orcid_url", "doi_url", "openalex_url")})
