project = "CV"
author = "Ada Łęcka"
extensions = ["myst_parser", "portfolio"]
bibtex_bibfiles = ["refs.bib"]
smartquotes = False
latex_engine = "xelatex"
latex_documents = [("index", "cv.tex", "Curriculum Vitae", author, "howto")]
latex_elements = {"makeindex": "", "preamble": r"\usepackage{portfolio-cv}"}
portfolio_type_groups = [
    ["Journal Articles", ["article"]],
    ["Conference Papers", ["inproceedings"]],
    ["Workshop Papers", ["workshop"]],
    ["Preprints", ["misc"]],
]
