"""What the theme shows: sphinx-book-theme set up as a personal homepage (top navigation, the
profile beside the pages, a short footer), the profile itself, and the stylesheets.

Every part of the homepage look is a theme option (``html_theme_options``) or ``html_sidebars``,
given a default here only when ``conf.py`` leaves it unset; ``portfolio_homepage = False`` keeps
the theme's documentation look (the project's own guide uses it).
"""

from __future__ import annotations

import os
import time
from pathlib import Path, PurePosixPath
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from ..extension.domain import PortfolioDomain
from ..model import Profile, ProfileLink

HERE = Path(__file__).parent.parent
#: The owner's photo in the output, without its suffix.
AVATAR = "_static/portfolio-avatar"
#: sphinx-book-theme's sidebar with the profile card in place of the logo (the card has the name),
#: for sites that keep the documentation look.
SIDEBAR = ["portfolio-profile.html", "icon-links.html", "search-button-field.html",
           "sbt-sidebar-nav.html"]
#: The homepage's sidebar: the profile card; the pages are in the top bar.
HOMEPAGE_SIDEBAR = ["portfolio-profile.html"]


def homepage_options(search: bool) -> dict[str, Any]:
    """Theme options of the homepage look: the site's name and pages in the top bar (the theme
    folds them into a menu on phones), no documentation controls, a short footer."""
    return {
        "navbar_start": ["portfolio-brand.html"],
        "navbar_center": ["portfolio-nav.html"],
        "navbar_end": ["theme-switcher.html"],
        # The one search control, shown in the bar at every width.
        "navbar_persistent": ["search-button-field.html"] if search else [],
        "disable_search": not search,
        "navbar_align": "right",
        "header_links_before_dropdown": 8,
        # The bar above the article holds the source download, fullscreen and sidebar buttons.
        "article_header_start": [],
        "article_header_end": [],
        "use_download_button": False,
        "use_fullscreen_button": False,
        "show_prev_next": False,
        "footer_content_items": ["portfolio-footer.html"],
    }


def add_theme_files(app: Sphinx, config: Config) -> None:
    # New values, never the lists and dict themselves: a default value is one object shared
    # by every build a process runs.
    config.templates_path = [*config.templates_path, str(HERE / "templates")]
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    # Without a default mode the theme logs "invalid theme mode" on a first visit: follow the
    # system's light or dark setting unless the site chose otherwise.
    config.html_context = {"default_mode": "auto", **config.html_context}
    if config.html_theme != "sphinx_book_theme":
        return
    if not config.portfolio_homepage:
        if not config.html_sidebars:
            config.html_sidebars = {"**": SIDEBAR}
        return
    options = dict(config.html_theme_options)
    for name, value in homepage_options(config.portfolio_search).items():
        options.setdefault(name, value)
    config.html_theme_options = options
    if not config.html_sidebars:
        # The home page shows the profile beside its text instead (templates/layout.html).
        config.html_sidebars = {"**": HOMEPAGE_SIDEBAR, config.root_doc: []}


def add_profile(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: Any) -> None:
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    profile = domain.profile
    context["portfolio_profile"] = profile
    context["portfolio_homepage"] = app.config.portfolio_homepage
    context["portfolio_footer"] = app.config.portfolio_footer
    context["portfolio_year"] = build_year()
    context["portfolio_site_name"] = profile.name if profile else app.config.project
    if profile is None:
        return
    context["portfolio_avatar"] = avatar_uri(profile)
    links = list(profile.links)
    cv_page = app.config.portfolio_cv_page
    if cv_page in app.env.found_docs and not any(link.kind == "cv" for link in links):
        links.append(ProfileLink("cv", "CV", context["pathto"](cv_page)))
    context["portfolio_profile_links"] = links


def avatar_uri(profile: Profile | None) -> str:
    """Where the owner's photo is: its web address, or its place in the output (a file of the
    site is copied there by :func:`copy_avatar`); "" for none."""
    if profile is None or not profile.avatar:
        return ""
    if "://" in profile.avatar:
        return profile.avatar
    return f"{AVATAR}{PurePosixPath(profile.avatar).suffix.lower()}"


def copy_avatar(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the photo, a file of the site (checked by the load), into the
    output when it changed."""
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    uri = avatar_uri(domain.profile)
    if exception is not None or app.builder.format != "html" or not uri or "://" in uri:
        return
    data = (domain.settings.pages / domain.profile.avatar).read_bytes()
    target = Path(app.outdir) / uri
    if not target.is_file() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def build_year() -> int:
    """The footer's year: the build's, or ``SOURCE_DATE_EPOCH``'s for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return time.gmtime(int(epoch)).tm_year if epoch.isdigit() else time.localtime().tm_year


def _subsections(node: nodes.Element) -> int:
    """Sections inside sections. Sections hold sections only as children (docutils allows no
    section in a body element), so the walk leaves out the body, which on a page listing
    10,000 entries is some 300,000 nodes."""
    return sum(isinstance(node, nodes.section) + _subsections(child)
               for child in node.children if isinstance(child, nodes.section))


def contents_rail(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:
    """Leave out the "Contents" rail of a page with fewer section headings than
    ``portfolio_toc_min_sections``: a one-screen page needs no table of its contents."""
    least = app.config.portfolio_toc_min_sections
    if not app.config.portfolio_homepage or not least or "secondary_sidebar_items" not in context:
        return
    if doctree is None or _subsections(doctree) < least:
        context["secondary_sidebar_items"] = []


def label_nav_toggles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                      doctree: Any) -> None:
    """Name the theme's icon-only expand/collapse toggles in the sidebar navigation.

    pydata-sphinx-theme renders each as a ``<summary>`` holding only a chevron, which screen
    readers announce without a name (WCAG 4.1.2, axe's summary-name); each gets a hidden
    "Show or hide the pages under <title>".
    """
    generate = context.get("generate_toctree_html")
    if generate is None:
        return

    def labelled(*args: Any, **kwargs: Any) -> Any:
        from bs4 import BeautifulSoup

        result = generate(*args, **kwargs)
        soup = result if isinstance(result, BeautifulSoup) else BeautifulSoup(result, "html.parser")
        for summary in soup.select("summary"):
            if summary.get_text(strip=True):
                continue
            item = summary.find_parent("li")
            link = item.find("a", recursive=False) if item else None
            title = link.get_text(" ", strip=True) if link else "this section"
            label = soup.new_tag("span", attrs={"class": "visually-hidden"})
            label.string = f"Show or hide the pages under {title}"
            summary.append(label)
        return result if soup is result else str(soup)

    context["generate_toctree_html"] = labelled


def setup_theme(app: Sphinx) -> None:
    app.connect("config-inited", add_theme_files)
    app.connect("html-page-context", add_profile)
    app.connect("build-finished", copy_avatar)
    # After pydata-sphinx-theme has put its toctree function and the page's secondary sidebar
    # into the context.
    app.connect("html-page-context", label_nav_toggles, priority=900)
    app.connect("html-page-context", contents_rail, priority=900)
    app.add_css_file("portfolio.css")
    app.add_css_file("portfolio-icons.css")
    app.add_js_file("portfolio-copy.js", defer="defer")
    app.add_js_file("portfolio-keyboard.js", defer="defer")
