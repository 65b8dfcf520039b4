"""Sphinx configuration of the site. Pages live in docs/, data in docs/_data/ and refs.bib."""

project = ${name}
author = ${name}
copyright = ${name}

extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build", "_data"]

# Publications: one BibTeX file at the project root.
bibtex_bibfiles = ["refs.bib"]
${settings}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 2

# Keep quotes and apostrophes exactly as written in the data and pages.
smartquotes = False

html_theme = "sphinx_book_theme"
html_title = ${name}
html_theme_options = {
    "repository_url": "",
    "use_repository_button": False,
    "show_toc_level": 2,
    "home_page_in_toc": True,
}
html_context = {"default_mode": "auto"}
html_show_sourcelink = False
html_last_updated_fmt = None
