"""Sphinx glue for the directives: options in, records through ``query`` and ``render``, nodes out."""
