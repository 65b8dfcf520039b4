extensions = ["myst_parser", "portfolio"]
project = "Ada Example"
author = "Ada Example"
bibtex_bibfiles = ["refs.bib"]
html_theme = "sphinx_book_theme"
html_baseurl = "https://example.org/site/"
smartquotes = False
