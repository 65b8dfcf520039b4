extensions = ["myst_parser", "portfolio"]
bibtex_bibfiles = ["refs.bib"]
portfolio_owner = ["Zhang, Q."]
portfolio_profile = ""
smartquotes = False
portfolio_publications_page = "index"
