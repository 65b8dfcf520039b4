"""End to end, in a real browser: the built sites served on 127.0.0.1 and driven in Debian's
headless Chromium. Every page loads cleanly, passes axe's WCAG 2.1 AA checks, fits a phone,
and every internal link resolves; toggles, copy buttons and the colour-mode switch work by mouse
and keyboard. Screenshots land in ``_build/screenshots/`` for a reviewer.

Checks of features a site may not have yet (``<details>`` toggles, copy buttons) run on every
one present and skip, saying so, only when there is none.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from browser import CHROMIUM, CHROMIUM_ARGS, PageProblems, Server, install_axe
from conftest import ROOT, ROOTS, copy_site

# One browser at a time: the tests share axe-core's install and the screenshots' folder.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

playwright_api = pytest.importorskip("playwright.sync_api")

SCREENSHOTS = ROOT / "_build" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class Site:
    name: str
    root: Path  #: what the server serves
    prefix: str  #: where the site is under the server's root ("" or "site/")
    server: Server

    @property
    def outdir(self) -> Path:
        return self.root / self.prefix

    @property
    def pages(self) -> list[str]:
        """Every HTML page of the build, relative to the site."""
        return sorted(p.relative_to(self.outdir).as_posix() for p in self.outdir.rglob("*.html")
                      if not p.relative_to(self.outdir).parts[0].startswith("_"))

    def url(self, page: str = "index.html") -> str:
        return self.server.url + self.prefix + page


def _sphinx(conf: Path, src: Path, out: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html",
                           "-c", str(conf), str(src), str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> dict[str, Site]:
    """The project's own site (as on Read the Docs, at the server's root) and the web test root
    (news, every profile link, a CV page; its address puts it under /site/)."""
    seed = copy_site(tmp_path_factory.mktemp("browser-seed"))
    # The canonical address makes feed, sitemap and absolute 404 links exist, as on Read the Docs.
    (seed / "conf.py").write_text((seed / "conf.py").read_text() +
                                  '\nhtml_baseurl = "https://example.org/"\n')
    _sphinx(seed, seed / "docs", seed / "serve")
    web = tmp_path_factory.mktemp("browser-web")
    shutil.copytree(ROOTS / "test-web", web / "src")
    _sphinx(web / "src", web / "src", web / "serve" / "site")
    # The same site with a photo (a square PNG made here, larger than it is shown).
    photo = tmp_path_factory.mktemp("browser-photo")
    shutil.copytree(ROOTS / "test-web", photo / "src")
    (photo / "src" / "images" / "photo.png").write_bytes(png(480, 480))
    (photo / "src" / "_data" / "photo.yaml").write_text(
        "name: Ada Q. Example\nposition: Ph.D. student\naffiliation: Example University\n"
        "avatar: images/photo.png\nlinks:\n  github: https://github.com/example\n", "utf-8")
    with (photo / "src" / "conf.py").open("a") as conf:
        conf.write('\nportfolio_profile = "_data/photo.yaml"\n')
    _sphinx(photo / "src", photo / "src", photo / "serve")
    built = {"seed": Site("seed", seed / "serve", "", Server(seed / "serve")),
             "web": Site("web", web / "serve", "site/", Server(web / "serve")),
             "photo": Site("photo", photo / "serve", "", Server(photo / "serve"))}
    yield built
    for site in built.values():
        site.server.close()


def png(width: int, height: int) -> bytes:
    """A PNG of a soft gradient with a darker disc in the middle: a stand-in photo."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            inside = (x - width / 2) ** 2 + (y - height / 2.4) ** 2 < (width / 5) ** 2
            rows += bytes((60, 90, 140) if inside else (120 + x * 100 // width, 160, 200))
    chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data +  # noqa: E731
                                struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


@pytest.fixture(scope="session")
def browser():
    assert CHROMIUM.exists(), "Debian's chromium is missing: run tests/install-system-packages.sh"
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_js() -> Path:
    return install_axe()


@pytest.fixture
def context(browser):
    """A fresh browser profile per test (no stored colour mode), light system setting."""
    ctx = browser.new_context(viewport=DESKTOP, color_scheme="light")
    yield ctx
    ctx.close()


def open_page(ctx, url: str, wait: str = "load"):
    page = ctx.new_page()
    page.goto(url, wait_until=wait)
    return page


SITE_NAMES = ["seed", "web"]


# Every page: each is visited once, in a fresh profile, and every check is recorded.


@dataclass
class PageReport:
    problems: list[str]  #: console errors, script errors, failed requests
    axe: dict[str, list[str]]  #: colour scheme -> serious or critical violations
    overflow: dict[int, list[str]]  #: phone width -> elements wider than the screen


def _axe_violations(page, axe_js: Path) -> list[str]:
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                    resultTypes: ['violations']});
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} at ` +
                          v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
        }""", AXE_TAGS)


def _overflow(page, width: int) -> list[str]:
    page.set_viewport_size({"width": width, "height": 800})
    # When the page is too wide, name the culprits: elements past the right edge that are not
    # inside a scrolling box (a wide table may scroll in its own box; the page must not).
    return page.evaluate(
        """() => {
            if (document.documentElement.scrollWidth <= window.innerWidth) return [];
            const scrolls = e => ['auto', 'scroll', 'hidden', 'clip']
                .includes(getComputedStyle(e).overflowX);
            const boxed = e => { for (let a = e.parentElement; a && a !== document.body;
                                      a = a.parentElement) { if (scrolls(a)) return true; }
                                 return false; };
            const wide = [...document.querySelectorAll('body *')].filter(e =>
                e.getBoundingClientRect().right > window.innerWidth + 1 && !boxed(e));
            return [`page is ${document.documentElement.scrollWidth}px wide`,
                    ...wide.slice(0, 5).map(e => e.tagName + '.' + e.className)];
        }""")


def _visit(ctx, site: Site, page_name: str, axe_js: Path) -> PageReport:
    problems = PageProblems()
    page = ctx.new_page()
    problems.watch(page)
    page.goto(site.url(page_name), wait_until="networkidle")
    # What the page itself did; axe fetches stylesheets again for its own checks (and resolves
    # their @import against the page), which is not the site's doing.
    loaded = problems.all()
    page.add_script_tag(path=str(axe_js))
    # Check the colours a reader ends up with, not a frame of the theme's colour transitions.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    axe = {}
    for scheme in ("light", "dark"):
        # The site follows the system setting: switching it switches the page.
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function("s => document.documentElement.dataset.theme === s", arg=scheme)
        axe[scheme] = _axe_violations(page, axe_js)
    overflow = {width: _overflow(page, width) for width in (390, 360)}
    page.close()
    return PageReport(loaded, axe, overflow)


@pytest.fixture(scope="session")
def reports(sites, browser, axe_js) -> dict[str, dict[str, PageReport]]:
    result = {}
    for name in SITE_NAMES:
        site = sites[name]
        ctx = browser.new_context(viewport=DESKTOP, color_scheme="light")
        result[name] = {page: _visit(ctx, site, page, axe_js) for page in site.pages}
        ctx.close()
        assert len(result[name]) >= 4
    return result


@pytest.mark.parametrize("name", SITE_NAMES)
def test_every_page_loads_with_no_console_error_or_failed_request(reports, name):
    found = {page: report.problems for page, report in reports[name].items() if report.problems}
    assert not found, found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", SITE_NAMES)
def test_axe_finds_no_serious_wcag21aa_violation(reports, name, scheme):
    found = {page: report.axe[scheme] for page, report in reports[name].items()
             if report.axe[scheme]}
    assert not found, found


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("name", SITE_NAMES)
def test_no_horizontal_scrolling_on_a_phone(reports, name, width):
    found = {page: report.overflow[width] for page, report in reports[name].items()
             if report.overflow[width]}
    assert not found, found


def _anchors(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {el["id"] for el in soup.select("[id]")} | {el["name"] for el in soup.select("a[name]")}


@pytest.mark.parametrize("name", SITE_NAMES)
def test_every_internal_link_and_anchor_resolves(sites, name):
    site = sites[name]
    broken = []
    anchors: dict[Path, set[str]] = {}
    for page_name in site.pages:
        page_url = site.url(page_name)
        soup = BeautifulSoup((site.outdir / page_name).read_text("utf-8"), "html.parser")
        for element in soup.select("a[href], link[href], script[src], img[src]"):
            ref = element.get("href") or element.get("src")
            target = urlparse(urljoin(page_url, ref))
            if target.scheme not in ("http", "https") or target.netloc != urlparse(page_url).netloc:
                assert target.scheme in ("http", "https", "mailto"), (page_name, ref)
                continue
            path = site.root / unquote(target.path).lstrip("/")
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append(f"{page_name}: {ref} (no file)")
                continue
            if target.fragment and path.suffix == ".html":
                if path not in anchors:
                    anchors[path] = _anchors(path.read_text("utf-8"))
                if unquote(target.fragment) not in anchors[path]:
                    broken.append(f"{page_name}: {ref} (no such anchor)")
    assert not broken, broken


# Toggles and buttons, wherever the site has them


def _pages_with(site: Site, selector: str) -> list[str]:
    """Pages whose HTML has *selector*: every top-level page, and the first of each folder
    (pages in one folder, such as the paper pages, come from one template)."""
    found, folders = [], set()
    for page in site.pages:
        folder = page.rpartition("/")[0]
        if folder in folders:
            continue
        if BeautifulSoup((site.outdir / page).read_text("utf-8"), "html.parser").select(selector):
            found.append(page)
            if folder:
                folders.add(folder)
    return found


def test_details_open_and_close_by_mouse_and_keyboard(sites, context):
    checked = 0
    for site in (sites[name] for name in SITE_NAMES):
        for page_name in _pages_with(site, "article details > summary"):
            page = open_page(context, site.url(page_name))
            for index in range(page.locator("article details").count()):
                details = page.locator("article details").nth(index)
                summary = details.locator("> summary")
                summary.scroll_into_view_if_needed()
                is_open = lambda details=details: details.evaluate("d => d.open")  # noqa: E731
                start = is_open()
                summary.click()
                assert is_open() != start, f"{page_name}: a click does not toggle {index}"
                summary.click()
                assert is_open() == start, f"{page_name}: a second click does not toggle back"
                summary.focus()
                page.keyboard.press("Enter")
                assert is_open() != start, f"{page_name}: Enter does not toggle {index}"
                page.keyboard.press("Space")
                assert is_open() == start, f"{page_name}: Space does not toggle back {index}"
                checked += 1
            page.close()
    if not checked:
        pytest.skip("no <details> toggle in any page's content yet (e.g. abstract or BibTeX)")


FIND_COPY_BUTTONS = """() => [...document.querySelectorAll('article button')].filter(b =>
    /copy/i.test([b.className, b.textContent, b.getAttribute('aria-label'), b.title].join(' '))
    && b.closest('li.pub, [class*="bib"]')).length"""


def test_copy_button_puts_the_bibtex_on_the_clipboard(sites, browser):
    checked = 0
    for site in (sites[name] for name in SITE_NAMES):
        ctx = browser.new_context(viewport=DESKTOP)
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.server.url[:-1])
        # Copy buttons may be added by a script, so look in the live page of every page that
        # shows publications or BibTeX.
        for page_name in _pages_with(site, 'article li.pub, article [class*="bib"]'):
            page = open_page(ctx, site.url(page_name))
            count = page.evaluate(FIND_COPY_BUTTONS)
            for index in sorted({0, count - 1}) if count else ():  # first and last of each page
                button = page.evaluate_handle(
                    FIND_COPY_BUTTONS.replace(".length", f"[{index}]"))
                entry = button.evaluate("b => (b.closest('li.pub') || {}).id || ''")
                button.evaluate("b => { b.closest('details') && (b.closest('details').open = true);"
                                " b.scrollIntoView(); }")
                button.as_element().click()
                page.wait_for_timeout(100)
                copied = page.evaluate("navigator.clipboard.readText()")
                assert re.match(r"\s*@\w+\s*\{", copied), f"{page_name}: copied {copied[:80]!r}"
                if entry.startswith("pub-"):
                    assert entry[4:] in copied, f"{page_name}: {entry} copied another entry"
                checked += 1
            page.close()
        ctx.close()
    if not checked:
        pytest.skip("no copy-BibTeX button on any page yet")


# Colour mode, keyboard focus, print


def _theme(page) -> str:
    return page.evaluate("document.documentElement.dataset.theme")


def _settle_theme(page, mode: str) -> str:
    """The page's theme once it has become *mode* (the theme's menu works asynchronously), or
    whatever it is after 5 s."""
    try:
        page.wait_for_function(f"document.documentElement.dataset.theme === {mode!r}",
                               timeout=5000)
    except playwright_api.TimeoutError:
        pass
    return _theme(page)


def _background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_dark_mode_follows_the_system_setting(sites, browser):
    for scheme in ("light", "dark"):
        ctx = browser.new_context(color_scheme=scheme)
        page = open_page(ctx, sites["seed"].url())
        assert _theme(page) == scheme
        ctx.close()


def test_colour_mode_switch_by_mouse_and_keyboard(sites, context):
    page = open_page(context, sites["seed"].url())
    light = _background(page)
    switch = page.locator(".theme-switch-button").first
    switch.click()
    page.locator('.theme-change-button[data-mode="dark"]').first.click()
    assert _settle_theme(page, "dark") == "dark"
    dark = _background(page)
    assert dark != light
    # Keyboard: open the menu, move to "Light", choose it.
    switch.focus()
    page.keyboard.press("Enter")
    page.locator('.theme-change-button[data-mode="light"]').first.wait_for(state="visible")
    for _ in range(4):
        if page.evaluate("document.activeElement.dataset.mode") == "light":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert _settle_theme(page, "light") == "light"
    assert _background(page) == light
    # The choice is kept for the next page.
    page.goto(sites["seed"].url("publications.html"))
    assert _theme(page) == "light"


def test_keyboard_focus_is_visible(sites, context):
    page = open_page(context, sites["web"].url())
    invisible = []
    for _ in range(15):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const e = document.activeElement;
            const s = getComputedStyle(e);
            return [e.tagName + ' ' + (e.textContent || '').trim().slice(0, 30),
                    s.outlineStyle, s.outlineWidth, s.boxShadow]; }""")
        name, outline, width, shadow = style
        if (outline == "none" or width == "0px") and shadow == "none":
            invisible.append(name)
    assert not invisible, invisible


def test_profile_is_on_screen_at_every_width(sites, browser):
    """The home page opens with the profile at every width (no sidebar to fold away)."""
    for viewport in (PHONE, DESKTOP):
        ctx = browser.new_context(viewport=viewport)
        page = open_page(ctx, sites["web"].url())
        cards = page.locator(".portfolio-profile")
        visible = [cards.nth(i).is_visible() for i in range(cards.count())]
        assert visible == [True], visible
        assert page.locator(".portfolio-about").is_visible()
        ctx.close()


def test_print_shows_the_page_without_navigation(sites, context):
    page = open_page(context, sites["seed"].url("publications.html"))
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.bd-sidebar-primary', '.bd-header', '.bd-sidebar-secondary']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.locator("li.pub").first.is_visible()


# The homepage look (issue: "a homepage, not a manual"), on the seed site at both widths

SEED_PAGES = {"home": "index.html", "publications": "publications.html",
              "paper": "papers/zhang2024caravan.html", "teaching": "teaching.html",
              "service": "service.html", "cv": "cv.html", "404": "404.html"}
NAV = ["About me", "Publications", "Teaching", "Service", "Curriculum Vitae"]
DEVICES = {"desktop": DESKTOP, "phone": PHONE}
VISIBLE_TEXTS = """els => els.filter(e => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; })
    .map(e => e.textContent.replace(/\\s+/g, ' ').trim())"""


def visible_texts(page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all(VISIBLE_TEXTS)


@pytest.mark.parametrize("device", DEVICES)
def test_top_navigation_lists_every_page(sites, browser, device):
    ctx = browser.new_context(viewport=DEVICES[device], is_mobile=device == "phone")
    for name in ("home", "paper", "cv", "404"):
        page = open_page(ctx, sites["seed"].url(SEED_PAGES[name]), wait="networkidle")
        bar = visible_texts(page, ".bd-header nav a")
        if device == "desktop":
            assert bar == NAV, (name, bar)
        else:
            # A phone shows the name and a menu button; the menu opens with every page.
            assert bar == [], (name, bar)
            assert visible_texts(page, ".bd-header .portfolio-brand") == ["Qizheng Zhang"]
            page.locator(".bd-header .primary-toggle").click()
            page.wait_for_timeout(400)
            assert visible_texts(page, "#pst-primary-sidebar-modal nav a") == NAV, name
        page.close()
    ctx.close()


@pytest.mark.parametrize("device", DEVICES)
def test_one_search_field(sites, browser, device):
    ctx = browser.new_context(viewport=DEVICES[device], is_mobile=device == "phone")
    for page_name in SEED_PAGES.values():
        page = open_page(ctx, sites["seed"].url(page_name), wait="networkidle")
        found = visible_texts(page, ".search-button-field, .search-button, input[type=search]")
        assert len(found) == 1, (page_name, found)
        page.close()
    ctx.close()


DOCUMENTATION_CONTROLS = (".btn-download-source-button, .btn-download-pdf-button, "
                          ".btn-fullscreen-button, .prev-next-area, .prev-next-footer, "
                          "a.left-prev, a.right-next, .article-header-buttons")


def test_no_source_download_fullscreen_or_page_turn_control(sites, guide_site):
    # The guide, a documentation site, keeps them: the selectors find what they look for.
    guide = guide_site / "_build" / "guide" / "directives.html"
    assert len(BeautifulSoup(guide.read_text("utf-8"), "html.parser").select(
        DOCUMENTATION_CONTROLS)) >= 3
    site = sites["seed"]
    for page_name in site.pages:
        soup = BeautifulSoup((site.outdir / page_name).read_text("utf-8"), "html.parser")
        assert not soup.select(DOCUMENTATION_CONTROLS), page_name
        footer = soup.select_one(".portfolio-footer")
        assert footer is not None and re.fullmatch(
            r"© \d{4} Qizheng Zhang Built with Sphinx", " ".join(footer.stripped_strings)), page_name
    assert not [p for p in site.pages if p.startswith("template/")]
    assert "Using this template" not in (site.outdir / "index.html").read_text("utf-8")


def test_contents_rail_only_where_a_page_is_long(sites, context):
    rails = {}
    for name in ("home", "publications", "cv"):
        page = open_page(context, sites["seed"].url(SEED_PAGES[name]))
        rails[name] = visible_texts(page, ".bd-sidebar-secondary .page-toc a")
        page.close()
    assert rails["home"] == [] and rails["publications"] == []
    assert rails["cv"][:3] == ["Education", "Research Experience", "Publications"]


ROUND = """els => els.map(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return [Math.round(r.width), Math.round(r.height), s.borderTopLeftRadius, s.objectFit,
            e.naturalWidth || 0]; })"""


@pytest.mark.parametrize("device", DEVICES)
def test_profile_photo_round_and_sharp(sites, browser, device):
    """Round at every width, never stretched (cover fit of a square box), never enlarged."""
    ctx = browser.new_context(viewport=DEVICES[device], is_mobile=device == "phone")
    checked = 0
    for site, page_name in ((sites["photo"], "index.html"), (sites["photo"], "news.html"),
                            (sites["seed"], "index.html")):
        page = open_page(ctx, site.url(page_name), wait="networkidle")
        for width, height, radius, fit, natural in page.locator(
                ".portfolio-avatar:visible").evaluate_all(ROUND):
            assert width == height and width >= 64, (page_name, width, height)
            assert radius == "50%", (page_name, radius)
            if natural:
                assert fit == "cover" and natural >= width, (page_name, fit, natural)
            checked += 1
        page.close()
    ctx.close()
    assert checked >= (3 if device == "desktop" else 2)


# Screenshots of every kind of page, for a reviewer (and a few for the guide)


SCREENSHOT_PAGES = [("seed", name, page) for name, page in SEED_PAGES.items()] + [
    ("web", "news", "news.html")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", DEVICES)
def test_screenshots(sites, browser, device, scheme):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    viewport = DEVICES[device]
    ctx = browser.new_context(viewport=viewport, color_scheme=scheme,
                              is_mobile=device == "phone", device_scale_factor=1)
    for site_name, kind, page_name in SCREENSHOT_PAGES:
        page = open_page(ctx, sites[site_name].url(page_name), wait="networkidle")
        page.evaluate("document.fonts.ready")
        assert _theme(page) == scheme
        # The first screen, as a visitor sees it, and the whole page.
        for suffix, full in (("", False), ("-full", True)):
            path = SCREENSHOTS / f"{kind}-{viewport['width']}-{scheme}{suffix}.png"
            page.screenshot(path=str(path), full_page=full)
            assert path.stat().st_size > 10_000
        page.close()
    ctx.close()
