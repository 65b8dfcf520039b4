extensions = ["myst_parser", "portfolio"]
bibtex_bibfiles = []
smartquotes = False
