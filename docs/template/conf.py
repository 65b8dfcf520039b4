"""Sphinx configuration of the guide to this project ("Using this template"), a documentation
site of its own, apart from the researcher's site in docs/:

    sphinx-build -W --keep-going docs/template _build/guide

Its examples are built from the project's own refs.bib, so what the guide shows is what the
extension makes of real entries.
"""

project = "Academic portfolio for Sphinx"
author = "The academic portfolio contributors"
copyright = "The academic portfolio contributors"
version = "1"

extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]

# The examples use the seed site's publications (the folder of this file is docs/template/).
bibtex_bibfiles = ["../../refs.bib"]
# The guide is about no one: no profile card; the examples highlight the seed site's owner.
portfolio_profile = ""
portfolio_owner = ["Qizheng Zhang"]
portfolio_author_notes = {"equal": ["*", "indicates equivalent contribution"]}
portfolio_link_labels = {"url": "paper"}
portfolio_paper_pages = "papers"

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 2
smartquotes = False

html_theme = "sphinx_book_theme"
html_title = "Academic portfolio for Sphinx"
# Documentation, not a homepage: the theme's sidebar navigation, search and page-turn links.
portfolio_homepage = False
html_theme_options = {
    "repository_url": "",
    "use_repository_button": False,
    "show_toc_level": 2,
    "home_page_in_toc": True,
    # The sidebar's search field is the one search field.
    "navbar_persistent": [],
}
html_show_sourcelink = False
html_last_updated_fmt = None
