"""What the theme shows: the profile in the sidebar, and the stylesheet."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.config import Config

from ..extension.domain import PortfolioDomain
from ..model import Profile, ProfileLink

HERE = Path(__file__).parent.parent
#: The owner's photo in the output, without its suffix.
AVATAR = "_static/portfolio-avatar"
#: sphinx-book-theme's sidebar with the profile card in place of the logo (the card has the name).
SIDEBAR = ["portfolio-profile.html", "icon-links.html", "search-button-field.html",
           "sbt-sidebar-nav.html"]


def add_theme_files(app: Sphinx, config: Config) -> None:
    config.templates_path.append(str(HERE / "templates"))
    config.html_static_path.append(str(HERE / "static"))
    if not config.html_sidebars and config.html_theme == "sphinx_book_theme":
        config.html_sidebars = {"**": SIDEBAR}
    # Without a default mode the theme logs "invalid theme mode" on a first visit: follow the
    # system's light or dark setting unless the site chose otherwise.
    config.html_context.setdefault("default_mode", "auto")


def add_profile(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: Any) -> None:
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    profile = domain.profile
    context["portfolio_profile"] = profile
    if profile is None:
        return
    context["portfolio_initials"] = initials(profile.name)
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


def initials(name: str) -> str:
    """"Qizheng Zhang" → "QZ": the placeholder shown while the profile has no photo."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in (words[:1] + words[-1:] if len(words) > 1 else words))


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
    # After pydata-sphinx-theme has put its toctree function into the context.
    app.connect("html-page-context", label_nav_toggles, priority=900)
    app.add_css_file("portfolio.css")
    app.add_js_file("portfolio-copy.js", defer="defer")
    app.add_js_file("portfolio-keyboard.js", defer="defer")
