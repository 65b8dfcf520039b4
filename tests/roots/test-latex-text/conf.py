extensions = ["portfolio"]
bibtex_bibfiles = ["refs.bib"]
portfolio_profile = ""
portfolio_toggles = []
portfolio_bib_files = False
smartquotes = False
