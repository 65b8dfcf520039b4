"""OpenAlex's works API: how often each DOI is cited (``cited_by_count``), many DOIs a
request (``/works?filter=doi:a|b|...``)."""

from __future__ import annotations

from . import SourceError
from .http import Client
from .ids import normal_doi

SERVICE = "OpenAlex"
#: DOIs asked in one request (OpenAlex takes up to 100 values in one filter).
BATCH = 50


def cited_by(client: Client, dois: list[str]) -> dict[str, int]:
    """Citation counts by (normalised) DOI, for the DOIs OpenAlex knows."""
    counts: dict[str, int] = {}
    for start in range(0, len(dois), BATCH):
        batch = dois[start:start + BATCH]
        params = {"filter": "doi:" + "|".join(batch), "per-page": str(BATCH),
                  "select": "doi,cited_by_count"}
        if client.settings.mailto:
            params["mailto"] = client.settings.mailto
        response = client.get(SERVICE, f"{client.settings.openalex_url}/works", params=params,
                              accept="application/json")
        try:
            for work in response.json()["results"]:
                count = work["cited_by_count"]
                doi = normal_doi(str(work.get("doi") or ""))
                if doi and isinstance(count, int) and count >= 0:
                    counts[doi] = count
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SourceError(f"OpenAlex's answer could not be read (not the works API's "
                              f"JSON: {exc!r}); nothing was written") from None
    return counts
