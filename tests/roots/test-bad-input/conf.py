extensions = ["myst_parser", "portfolio"]
bibtex_bibfiles = ["refs.bib"]
portfolio_owner = ["Nobody Here"]
portfolio_profile = "_data/profile.yaml"
smartquotes = False
