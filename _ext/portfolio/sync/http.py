"""Talking to the services: one session with a timeout, retries that honour ``Retry-After``,
an HTTP cache, and a user agent naming the project; every failure is one readable line.

requests carries the session; urllib3's ``Retry`` (which requests uses underneath) does the
retries with backoff on 429 and 5xx answers and waits as long as ``Retry-After`` asks, up to
``Settings.max_wait``; requests-cache keeps the answers in an SQLite file in a folder the user
may delete, so a second run right after the first asks the services nothing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout
from urllib3.util.retry import Retry

from . import SourceError
from .settings import Settings

#: The largest answer read; a person's whole DBLP list is a few megabytes.
MAX_BYTES = 64 * 1024 * 1024
_RETRIED = (429, 500, 502, 503, 504)


class NotFound(SourceError):
    """The service says the thing asked for does not exist (404 or 410)."""


class _WaitTooLong(Exception):
    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds


class _Retry(Retry):
    """urllib3's retries, except that a ``Retry-After`` longer than *max_wait* ends the run
    at once (a rate limit of an hour is better reported than waited for)."""

    def __init__(self, *args: Any, max_wait: float = 120.0, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.max_wait = max_wait

    def new(self, **kw: Any) -> _Retry:
        retry = super().new(**kw)
        retry.max_wait = self.max_wait
        return retry

    def sleep_for_retry(self, response) -> bool:
        seconds = self.get_retry_after(response)
        if seconds is not None and seconds > self.max_wait:
            raise _WaitTooLong(seconds)
        return super().sleep_for_retry(response)


class Client:
    """GET requests to the services, as :class:`requests.Response` objects or a
    :class:`SourceError`."""

    def __init__(self, settings: Settings):
        self.settings = settings
        if settings.cache is not None:
            from requests_cache import CachedSession

            settings.cache.mkdir(parents=True, exist_ok=True)
            self.session: requests.Session = CachedSession(
                str(settings.cache / "http"), backend="sqlite",
                expire_after=timedelta(hours=settings.cache_hours),
                allowable_codes=(200,), match_headers=["Accept"])
        else:
            self.session = requests.Session()
        retry = _Retry(total=None, connect=1, read=False, other=0,
                       status=settings.retries, status_forcelist=_RETRIED,
                       backoff_factor=settings.backoff, allowed_methods={"GET"},
                       respect_retry_after_header=True, raise_on_status=False,
                       max_wait=settings.max_wait)
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = settings.user_agent

    def close(self) -> None:
        self.session.close()

    def get(self, service: str, url: str, *, params: dict[str, str] | None = None,
            accept: str = "", missing: str = "") -> requests.Response:
        """The answer to ``GET url``; *missing* is the message when the service answers 404."""
        headers = {"Accept": accept} if accept else {}
        try:
            response = self.session.get(url, params=params, headers=headers,
                                        timeout=self.settings.timeout)
        except _WaitTooLong as exc:
            raise SourceError(f"{service} asks to wait {exc.seconds:.0f} s before the next "
                              "request (429 Too Many Requests); try again later") from None
        except requests.RequestException as exc:
            raise SourceError(_network_problem(service, url, exc, self.settings.timeout)) from None
        if response.status_code in (404, 410):
            raise NotFound(missing or f"{service} has nothing at {_shown(response.url)} "
                                      f"({response.status_code} {response.reason})")
        if response.status_code == 429:
            raise SourceError(f"{service} still answers 429 Too Many Requests after "
                              f"{self.settings.retries} retries; try again later")
        if response.status_code >= 400:
            raise SourceError(f"{service} answered {response.status_code} {response.reason} "
                              f"for {_shown(response.url)}"
                              + ("; try again later" if response.status_code >= 500 else ""))
        if len(response.content) > MAX_BYTES:
            raise SourceError(f"{service}'s answer for {_shown(response.url)} is larger than "
                              f"{MAX_BYTES // 2**20} MiB and was not read")
        return response


def _network_problem(service: str, url: str, exc: Exception, timeout: float) -> str:
    host = urlsplit(url).netloc
    if _timed_out(exc):
        return (f"{service} ({host}) did not answer within {timeout:g} s; try again later, "
                "or allow longer with --timeout")
    return (f"cannot reach {service} ({host}): are you offline? Check your connection and "
            "try again")


def _timed_out(exc: BaseException | None) -> bool:
    """Whether *exc*, or the error it wraps, is a timeout (requests wraps urllib3's in
    several ways, depending on when it happened)."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, NewConnectionError):  # a refused connection, though a subclass
            return False
        if isinstance(exc, (requests.Timeout, Urllib3Timeout, TimeoutError)):
            return True
        inner = getattr(exc, "reason", None)
        if inner is None and exc.args and isinstance(exc.args[0], BaseException):
            inner = exc.args[0]
        exc, seen = inner if isinstance(inner, BaseException) else exc.__context__, seen + 1
    return False


def _shown(url: str) -> str:
    """An address as the user would type it: without the query string."""
    return url.split("?", 1)[0]
