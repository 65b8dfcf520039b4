"""DBLP: a person's works (``/pid/<pid>.bib``), one record (``/rec/<key>.bib``), and the
author search API (``/search/author/api``) that finds a person's PID from their name."""

from __future__ import annotations

from . import SourceError, Work
from .bibtex import parse_works
from .http import Client

SERVICE = "DBLP"


def person_works(client: Client, pid: str) -> list[Work]:
    """Every work DBLP lists for the person *pid*, in DBLP's order (newest first)."""
    url = f"{client.settings.dblp_url}/pid/{pid}.bib"
    text = client.get(SERVICE, url, accept="application/x-bibtex, text/plain;q=0.5",
                      missing=f"DBLP knows no person with PID {pid!r}; find yours with "
                              "'portfolio sync dblp \"Your Name\"' or on your DBLP page").text
    works = []
    for key, work in parse_works(text, SERVICE, f"PID {pid}"):
        work.dblp = key.removeprefix("DBLP:")
        work.origin = f"DBLP {work.dblp}"
        works.append(work)
    return works


def record(client: Client, key: str) -> Work:
    url = f"{client.settings.dblp_url}/rec/{key}.bib"
    text = client.get(SERVICE, url, accept="application/x-bibtex, text/plain;q=0.5",
                      missing=f"DBLP has no record {key!r}").text
    found = parse_works(text, SERVICE, key)
    if not found:
        raise SourceError(f"DBLP's answer for {key} holds no entry; nothing was written")
    work = next((w for k, w in found if k.removeprefix("DBLP:") == key), found[0][1])
    work.dblp, work.origin = key, f"DBLP {key}"
    return work


def find_person(client: Client, name: str) -> list[tuple[str, str]]:
    """``(name, pid)`` of the persons DBLP's author search finds for *name*."""
    url = f"{client.settings.dblp_url}/search/author/api"
    response = client.get(SERVICE, url, params={"q": name, "format": "json", "h": "20"},
                          accept="application/json")
    try:
        hits = response.json()["result"]["hits"].get("hit", [])
        found = []
        for hit in hits:
            info = hit["info"]
            pid = str(info["url"]).split("/pid/", 1)[1].removesuffix(".html")
            found.append((str(info["author"]), pid))
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        raise SourceError(f"DBLP's author search answer for {name!r} could not be read (not "
                          "the search API's JSON)") from None
    return found
