"""Data files in, typed records and located problems out; no Sphinx, no docutils."""
