"""A local stand-in for DBLP, ORCID, doi.org, arXiv and OpenAlex, answering from the files in
``fixtures/sync/`` as each service does; it listens on 127.0.0.1 only.

Each service lives under its own path (``/dblp``, ``/orcid``, ``/doi``, ``/arxiv``,
``/openalex``), so one server stands in for all of them. ``script(path, ...)`` makes a path
answer differently for its next requests (a 429, a delay, a broken body); ``log`` lists every
request the server had.
"""

from __future__ import annotations

import json
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

FIXTURES = Path(__file__).parent / "fixtures" / "sync"
ATOM = "http://www.w3.org/2005/Atom"


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  #: seconds before answering


class FakeServices:
    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []  #: (path with query, Accept)
        self.scripts: dict[str, list[Answer]] = {}
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                with fake.lock:
                    fake.log.append((self.path, self.headers.get("Accept", "")))
                answer = fake.answer(self.path, self.headers.get("Accept", ""))
                if answer.delay:
                    time.sleep(answer.delay)
                try:
                    self.send_response(answer.status)
                    for name, value in answer.headers:
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)

    def __enter__(self) -> FakeServices:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def environment(self) -> dict[str, str]:
        """The variables that point the ``portfolio`` command at this server."""
        return {f"PORTFOLIO_{name.upper()}_URL": f"{self.url}/{name}"
                for name in ("dblp", "orcid", "doi", "arxiv", "openalex")}

    def script(self, path: str, *answers: Answer) -> None:
        """Answer the next requests for *path* (without the query) with *answers*, in order."""
        self.scripts[path] = list(answers)

    def requests(self, prefix: str = "/") -> list[str]:
        return [path for path, _ in self.log if path.startswith(prefix)]

    def answer(self, raw_path: str, accept: str) -> Answer:
        parts = urlsplit(raw_path)
        path = unquote(parts.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with self.lock:
            if self.scripts.get(path):
                return self.scripts[path].pop(0)
        service, _, rest = path.lstrip("/").partition("/")
        handler = getattr(self, f"_{service}", None)
        return handler(rest, query, accept) if handler else Answer(404, b"no such service")

    @staticmethod
    def _file(relative: str, kind: str) -> Answer:
        path = (FIXTURES / relative).resolve()
        if not path.is_relative_to(FIXTURES) or not path.is_file():
            return Answer(404, b"Not Found", (("Content-Type", "text/plain"),))
        return Answer(200, path.read_bytes(), (("Content-Type", kind),))

    def _dblp(self, rest: str, query: dict[str, str], accept: str) -> Answer:
        if rest == "search/author/api":
            answer = self._file(f"dblp/search/{query.get('q', '')}.json", "application/json")
            if answer.status == 404:  # DBLP answers a search without hits with no hit list
                body = {"result": {"query": query.get("q", ""), "hits": {"@total": "0"}}}
                return Answer(200, json.dumps(body).encode(), (("Content-Type", "application/json"),))
            return answer
        return self._file(f"dblp/{rest}", "text/x-bibtex; charset=utf-8")

    def _orcid(self, rest: str, query: dict[str, str], accept: str) -> Answer:
        if "json" not in accept:
            return Answer(406, b"Not Acceptable")
        return self._file(f"orcid/{rest}.json", "application/vnd.orcid+json; qs=4;charset=UTF-8")

    def _doi(self, rest: str, query: dict[str, str], accept: str) -> Answer:
        """Content negotiation: CSL-JSON when asked for and the fixture has it, else BibTeX."""
        doi = rest.lower()
        offered = [("csl+json", f"doi/{doi}.json", "application/vnd.citationstyles.csl+json"),
                   ("x-bibtex", f"doi/{doi}.bib", "application/x-bibtex; charset=utf-8")]
        exists = [o for o in offered if (FIXTURES / o[1]).is_file()]
        if not exists:
            return Answer(404, b"DOI Not Found", (("Content-Type", "text/html"),))
        for wanted, relative, kind in exists:
            if wanted in accept:
                return self._file(relative, kind)
        return Answer(406, b"Not Acceptable")

    def _arxiv(self, rest: str, query: dict[str, str], accept: str) -> Answer:
        """One Atom feed holding the entry of each id asked that has a fixture."""
        ET.register_namespace("", ATOM)
        feed = ET.Element(f"{{{ATOM}}}feed")
        ET.SubElement(feed, f"{{{ATOM}}}title").text = "ArXiv Query"
        for arxiv_id in filter(None, query.get("id_list", "").split(",")):
            path = FIXTURES / "arxiv" / f"{arxiv_id}.xml"
            if path.is_file():
                feed.extend(ET.parse(path).getroot().findall(f"{{{ATOM}}}entry"))
        body = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(feed, encoding="utf-8")
        return Answer(200, body, (("Content-Type", "application/atom+xml; charset=utf-8"),))

    def _openalex(self, rest: str, query: dict[str, str], accept: str) -> Answer:
        if rest != "works":
            return Answer(404, b'{"error": "not found"}')
        wanted = set(query.get("filter", "").removeprefix("doi:").lower().split("|"))
        works = json.loads((FIXTURES / "openalex" / "works.json").read_text("utf-8"))
        results = [w for w in works if w["doi"].removeprefix("https://doi.org/") in wanted]
        body = {"meta": {"count": len(results), "db_response_time_ms": 12, "page": 1,
                         "per_page": int(query.get("per-page", 25)), "groups_count": None},
                "results": results, "group_by": []}
        return Answer(200, json.dumps(body).encode(), (("Content-Type", "application/json"),))
