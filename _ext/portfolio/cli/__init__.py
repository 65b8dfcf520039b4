"""The ``portfolio`` command: start a site, import an old one, check the data files."""
