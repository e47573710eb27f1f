"""The hostile report in a real browser: headless Debian Chromium driven by Playwright.

The only test that proves the escaping works end to end: every text field of
the export carries HTML-1...HTML-7, the report is opened from ``file://``, and
the page must run no payload, open no dialog, make no request beyond the file
itself, break no Content-Security-Policy rule, log no console error, draw every
chart, and show a payload in a hover label as literal text.

Playwright never downloads a browser here: it drives ``/usr/bin/chromium``.
Without it the test is skipped, except in CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import pytest

import netstats as ns
from hostile import HOVER_PAYLOAD, write_hostile_chats, write_hostile_earlier_export, write_hostile_export
from netstats._report import write_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
N_FIGURES = 9  # with several platforms the report adds the platform chart

pytestmark = pytest.mark.browser

# Runs before any page script: records dialogs a payload might open and every CSP violation.
TRAPS = """
window.__dialogs = [];
window.__csp = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__dialogs.push([name, String(args[0])]); return null; };
}
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push([e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(" "));
});
"""


def _chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run)")
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium package to run the browser test)")
    sync_api = pytest.importorskip("playwright.sync_api")
    return sync_api


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    _chromium()
    root = tmp_path_factory.mktemp("browser")
    # LinkedIn, an earlier LinkedIn export and WhatsApp chats: every section of the report, payloads everywhere
    export = ns.load(
        [
            write_hostile_export(root / "export"),
            write_hostile_earlier_export(root / "earlier"),
            write_hostile_chats(root / "chats"),
        ]
    )
    assert export.platforms == ("linkedin", "whatsapp") and len(export.history)
    private = write_report(export, root / "private" / "report.html")
    share = write_report(export, root / "share" / "report.html", share=True, key_path=root / "config" / "share.key")
    return {"private": private, "share": share}


@pytest.fixture(scope="module")
def browser():
    sync_api = _chromium()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield launched
        launched.close()


def _open(browser, path: Path):
    """Open the report with every trap set; return the page and what it recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    page = context.new_page()
    seen = {"requests": [], "console": [], "errors": [], "dialogs": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda message: message.type in ("error", "warning") and seen["console"].append(message.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.add_init_script(TRAPS)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(
        "[...document.querySelectorAll('div.ns-figure')].every(d => d.querySelector('.main-svg'))",
        timeout=30_000,
    )
    return context, page, seen


@pytest.mark.parametrize("mode", ["private", "share"])
def test_hostile_report_renders_safely(browser, hostile_reports, mode):
    path = hostile_reports[mode]
    context, page, seen = _open(browser, path)
    try:
        page.wait_for_timeout(300)  # let late hover/resize handlers run
        assert page.evaluate("document.querySelectorAll('div.ns-figure').length") == N_FIGURES
        assert page.evaluate("document.querySelectorAll('div.ns-figure .main-svg').length") >= N_FIGURES
        assert seen["requests"] == [path.as_uri()]  # nothing but the file itself
        assert seen["dialogs"] == [] and page.evaluate("window.__dialogs") == []
        assert page.evaluate("window.__csp") == []  # plotly.js runs without 'unsafe-eval'
        assert seen["errors"] == [] and seen["console"] == []
        # no payload became an element: not in the page, not inside any chart (plotly's own
        # modebar buttons are <button class="modebar-btn">)
        assert page.evaluate(
            "document.querySelectorAll('img, iframe, select, button:not(.modebar-btn), a, main b, object, embed').length"
        ) == 0
        # plotly.js 4 offers to upload a chart to Plotly Cloud unless told not to
        assert page.evaluate("document.querySelectorAll('.modebar-btn[data-title^=\"Share\"]').length") == 0
        assert page.evaluate("document.querySelectorAll('.modebar-btn').length") > 0
        assert page.evaluate("document.querySelectorAll('[onerror], [style*=\"400px\"]').length") == 0
        assert page.evaluate("typeof window.MathJax") == "undefined"
        assert page.evaluate("document.querySelectorAll('.mathjax, mjx-container, [class*=\"-math-\"]').length") == 0
    finally:
        context.close()


def test_hover_label_shows_a_payload_as_literal_text(browser, hostile_reports):
    context, page, seen = _open(browser, hostile_reports["private"])
    try:
        figure = page.locator("#fig-contact-map")
        figure.scroll_into_view_if_needed()
        page.evaluate(
            "document.getElementById('fig-contact-map').on('plotly_hover', e => {"
            " window.__hovered = e.points[0].customdata; })"
        )
        point = page.evaluate(
            """(escaped) => {
              const gd = document.getElementById('fig-contact-map');
              const box = gd.getBoundingClientRect();
              const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
              for (let c = 0; c < gd._fullData.length; c++) {
                const custom = gd._fullData[c].customdata;
                for (let i = 0; i < custom.length; i++) {
                  if (String(custom[i][0]).startsWith(escaped)) {
                    const point = gd.calcdata[c][i];
                    return {x: box.left + xa._offset + xa.c2p(point.x), y: box.top + ya._offset + ya.c2p(point.y)};
                  }
                }
              }
              return null;
            }""",
            html.escape(HOVER_PAYLOAD, quote=False),
        )
        assert point is not None, "the payload contact is not on the map"
        page.mouse.move(point["x"] - 30, point["y"] - 30)
        page.mouse.move(point["x"], point["y"], steps=5)
        label = page.locator(".hoverlayer .hovertext").first
        label.wait_for(timeout=5_000)
        hovered = page.evaluate("window.__hovered")
        text = label.text_content()
        shown_name = html.unescape(hovered[0])
        assert "<" in shown_name and ">" in shown_name  # the hovered contact's name is a payload
        assert shown_name in text  # ...shown character for character, as text
        assert page.evaluate("document.querySelectorAll('.hoverlayer a, .hoverlayer img, .hoverlayer tspan[style]').length") == 0
        assert seen["dialogs"] == [] and page.evaluate("window.__dialogs") == [] and page.evaluate("window.__csp") == []
    finally:
        context.close()
