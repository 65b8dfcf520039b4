extensions = ["myst_parser", "portfolio"]
bibtex_bibfiles = []
portfolio_profile = ""
html_theme = "sphinx_book_theme"
