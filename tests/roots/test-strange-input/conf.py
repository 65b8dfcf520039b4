extensions = ["myst_parser", "portfolio"]
project = "Strange Input"
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://example.org/site/"
portfolio_owner = ["Doe, Jane"]
portfolio_profile = ""
portfolio_paper_pages = "papers"
smartquotes = False
