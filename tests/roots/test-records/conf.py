extensions = ["myst_parser", "portfolio"]
bibtex_bibfiles = []
portfolio_profile = ""
smartquotes = False
