"""The ``portfolio`` command: start a site, import an old one, check the data files."""

#: Exit codes: done; data errors (check) or a service that failed (add, sync); a usage error.
OK, FAILED, USAGE = 0, 1, 2


class UsageError(Exception):
    """A wrong path, option or site: reported in one line, exit code 2."""
