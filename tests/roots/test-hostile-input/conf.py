extensions = ["myst_parser", "portfolio"]
bibtex_bibfiles = ["refs.bib"]
portfolio_owner = ["Doe, Jane"]
portfolio_profile = "_data/profile.yaml"
exclude_patterns = ["_data"]
smartquotes = False
html_theme = "sphinx_book_theme"
html_context = {"default_mode": "auto"}
