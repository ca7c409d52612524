"""The built docs site opened in a real headless Chromium, as a reader sees it.

    make docs            # builds site/, then runs this file
    FASTACT_SCREENSHOTS=docs/screenshots pytest docs/test_site.py   # also keeps screenshots

Every page is loaded from a local HTTP server and from disk (file://).  Checked on each:
the formulas are MathML that the browser laid out (no raw TeX in the visible text), every
image loaded, no docstring markup leaked, and no request left the machine.  The search box
is typed into and must list results.  Skipped (with the reason) where no Chromium is found;
``make docs`` installs Debian's ``chromium`` where it can.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from browser import Browser, find_chromium

SITE = Path(__file__).resolve().parents[1] / "site"
PAGES = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html") if p.name != "404.html")
RAW = ("$$", "\\[", "\\(", "\\frac", "\\begin", ":func:", "``")

pytestmark = [
    pytest.mark.skipif(not SITE.is_dir(), reason="site/ not built: run `make docs`"),
    pytest.mark.skipif(find_chromium() is None,
                       reason="no Chromium on this machine (`apt-get install chromium`)"),
]


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    b = Browser(find_chromium())
    yield b
    b.close()


PAGE_STATE = """(() => {
  const imgs = [...document.images];
  const maths = [...document.querySelectorAll('math')];
  return {
    // the prose: code blocks may hold TeX or docstring markup as source
    text: (() => { const a = document.querySelector('article').cloneNode(true);
                   a.querySelectorAll('pre').forEach(p => p.remove()); return a.innerText; })(),
    images: imgs.length,
    broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src),
    maths: maths.length,
    flat: maths.filter(m => m.getBoundingClientRect().height < 8).length,
  };
})()"""


def _check_page(browser, url, page):
    browser.open(url)
    # lazy images: wait until each has loaded or failed
    browser.eval("Promise.all([...document.images].map(i => i.decode().catch(() => null)))")
    state = browser.eval(PAGE_STATE)
    leaked = [s for s in RAW if s in state["text"]]
    assert not leaked, f"{page}: raw markup {leaked} in the visible text"
    assert not state["broken"], f"{page}: images that did not load: {state['broken']}"
    assert state["flat"] == 0, f"{page}: {state['flat']} formulas not laid out"
    return state


def _outside(urls, base):
    return [u for u in urls if not (u.startswith(base) or u.startswith(("data:", "blob:", "about:")))]


def test_every_page_over_http(server, browser):
    assert PAGES, "no pages built"
    math_pages = 0
    for page in PAGES:
        state = _check_page(browser, f"{server}/{page}", page)
        math_pages += state["maths"] > 0
        if page.startswith("functions/") and page[10:-5] in _elementwise():
            assert state["maths"] >= 2, f"{page}: formula and derivative expected"
            assert state["images"] >= 1, f"{page}: no plot"
    assert math_pages >= len(_elementwise())
    outside = _outside(browser.requested_urls(), server)
    assert not outside, f"requests that left the machine: {outside[:5]}"


def test_pages_from_disk(browser):
    """The same site opened as files, without a server (a reader who just opens site/)."""
    for page in ("index.html", "functions/index.html", "functions/gelu.html", "benchmarks.html"):
        _check_page(browser, (SITE / page).as_uri(), page)
    outside = _outside(browser.requested_urls(), "file://")
    assert not any(u.startswith("http") and "127.0.0.1" not in u for u in outside), outside


def test_search_finds_a_function(server, browser):
    browser.open(f"{server}/index.html")
    found = browser.eval("""new Promise(resolve => {
      const input = document.querySelector('input.md-search__input');
      if (!input) { resolve(-1); return; }
      input.focus();
      input.value = 'softplus';
      input.dispatchEvent(new Event('focus'));
      input.dispatchEvent(new KeyboardEvent('keyup', {key: 's'}));
      input.dispatchEvent(new Event('input', {bubbles: true}));
      let tries = 0;
      const poll = () => {
        const n = document.querySelectorAll('.md-search-result__item').length;
        if (n > 0 || tries++ > 100) resolve(n); else setTimeout(poll, 100);
      };
      poll();
    })""")
    assert found != -1, "no search box on the page"
    assert found > 0, "search for 'softplus' listed nothing"


def test_screenshots(server, browser, tmp_path):
    """PNGs of the index, a function page and the benchmarks (kept where asked)."""
    out = Path(os.environ.get("FASTACT_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    for page, name in (("index.html", "index"), ("functions/index.html", "functions"),
                       ("functions/gelu.html", "gelu"), ("benchmarks.html", "benchmarks")):
        browser.open(f"{server}/{page}")
        browser.eval("Promise.all([...document.images].map(i => i.decode().catch(() => null)))")
        path = out / f"{name}.png"
        browser.screenshot(str(path))
        assert path.stat().st_size > 10_000, f"{path}: suspiciously small screenshot"


@functools.lru_cache(maxsize=1)
def _elementwise():
    import fastact

    return set(fastact.ELEMENTWISE)
