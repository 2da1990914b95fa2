"""Every page through nginx (two replicas, deploy/) under the Content-Security-Policy nginx sends: drawn, no exception,
and no CSP violation, reported either as a `securitypolicyviolation` event or in the console."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import DECK, EXCEPTION, PLOTLY, VIEW_PATHS

from deploy import replicas
from tests.e2e.chromium import wait_for_app

# Records every violation the page's documents report, from the first script on.
VIOLATIONS = """(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
})();"""
CHARTS_ON = {"timeline": PLOTLY, "funding": PLOTLY, "compare": PLOTLY, "map": DECK}


@pytest.fixture(scope="module")
def proxy_url() -> Iterator[str]:
    with replicas.cluster(2) as started:
        yield started.url


@pytest.mark.parametrize("path", ["", *VIEW_PATHS])
def test_page_works_under_the_csp_with_no_violation(page, proxy_url: str, path: str) -> None:
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(VIOLATIONS)
    response = page.goto(f"{proxy_url}/{path}")
    assert response is not None and "default-src 'self'" in response.headers["content-security-policy"]
    wait_for_app(page)
    if path in CHARTS_ON:
        page.wait_for_selector(CHARTS_ON[path], timeout=30_000)
    page.wait_for_timeout(1500)  # late work: fonts, map tiles drawn, workers started
    assert page.locator(EXCEPTION).count() == 0
    violations = page.evaluate("window.__cspViolations")
    csp_console = [text for text in console if "Content Security Policy" in text or "Content-Security-Policy" in text]
    assert violations == [] and csp_console == [], (violations, csp_console)
