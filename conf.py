"""Sphinx configuration of the site. Pages live in docs/, data in docs/_data/ and refs.bib."""

project = "Qizheng Zhang"
author = "Qizheng Zhang"
copyright = "Qizheng Zhang"
# The site's edition, which EPUB requires.
version = "1"

extensions = ["myst_parser", "portfolio"]
# docs/template/ is the guide to this project, a Sphinx project of its own.
exclude_patterns = ["_build", "_data", "template"]

# Publications: one BibTeX file at the project root.
bibtex_bibfiles = ["refs.bib"]

# How author annotations (biblatex author+an) are marked, in the words of the original page.
portfolio_author_notes = {"equal": ["*", "indicates equivalent contribution"]}
# The seed page labels every paper link "paper".
portfolio_link_labels = {"url": "paper"}
# A page per paper (papers/<key>.html) with the meta tags Google Scholar reads.
portfolio_paper_pages = "papers"

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 2

# Keep quotes and apostrophes exactly as written in the data and pages.
smartquotes = False

html_theme = "sphinx_book_theme"
html_title = "Qizheng Zhang"
html_theme_options = {
    "repository_url": "",
    "use_repository_button": False,
    "show_toc_level": 2,
    "home_page_in_toc": True,
}
html_context = {"default_mode": "auto"}
html_show_sourcelink = False
html_last_updated_fmt = None

# The CV as a PDF, from the page docs/cv.md alone:
#   sphinx-build -M latexpdf docs _build -c .   ->   _build/latex/cv.pdf
# XeLaTeX typesets any name (accents, Polish, Turkish, CJK); the look is portfolio-cv.sty.
latex_engine = "xelatex"
latex_documents = [("cv", "cv.tex", "Curriculum Vitae", author, "howto")]
latex_elements = {
    "papersize": "letterpaper",
    "pointsize": "10pt",
    "makeindex": "",  # a CV has no index
    "preamble": r"\usepackage{portfolio-cv}",
}
# The CV page links to the PDF once it is built (on Read the Docs: to the PDF it serves).
portfolio_cv_pdf = "_build/latex/cv.pdf"
# The CV lists workshop papers apart from conference papers.
portfolio_type_groups = [
    ["Journal Articles", ["article"]],
    ["Conference Papers", ["inproceedings", "conference", "incollection"]],
    ["Workshop Papers", ["workshop"]],
    ["Preprints", ["misc", "unpublished", "preprint", "online"]],
    ["Books", ["book", "inbook", "booklet", "proceedings", "collection"]],
    ["Theses", ["phdthesis", "mastersthesis", "thesis"]],
    ["Reports", ["techreport", "report", "manual"]],
]
