extensions = ["myst_parser", "portfolio"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build", "_data"]
portfolio_owner = ["Qizheng Zhang"]
portfolio_profile = ""
portfolio_publications_page = "index"
portfolio_author_notes = {"equal": ["*", "equal contribution"], "student": ["‡", "student"]}
portfolio_max_authors = 3
portfolio_paper_pages = "papers"
portfolio_topics = ["KV Cache Management"]
portfolio_sort_within = "title"
portfolio_type_groups = [
    ["Journal Articles", ["article"]],
    ["Conference Papers", ["inproceedings"]],
    ["Workshop Papers", ["workshop"]],
    ["Preprints", ["misc"]],
    ["Theses", ["phdthesis"]],
]
html_baseurl = "https://example.org/site/"
smartquotes = False
