"""Two replicas behind Debian's nginx (deploy/): the headers nginx adds, stickiness, the websocket through the proxy,
and the served app's effective security settings (XSRF on, no CORS for other origins), asked of the running servers.
Starts nginx and two Streamlit servers: slow."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from benchmarks.loadtest import Action, SessionClient
from deploy import replicas
from deploy.replicas import REPLICA_HEADER, Cluster
from tests.benchmarks.test_loadtest import run_alone

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def proxy() -> Iterator[Cluster]:
    with replicas.cluster(2) as started:
        yield started


def configured_csp() -> str:
    match = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', replicas.SITE.read_text())
    assert match, "the site config sends no Content-Security-Policy"
    return match.group(1)


def request(url: str, method: str = "GET", headers: dict[str, str] | None = None, opener=None):
    """The response (or the HTTP error, which carries the same headers)."""
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        return (opener or urllib.request.build_opener()).open(req, timeout=10)
    except urllib.error.HTTPError as err:
        return err


def test_nginx_sends_the_policy_and_a_sticky_cookie_once(proxy: Cluster) -> None:
    first = request(f"{proxy.url}/")
    assert first.status == 200
    assert first.headers["Content-Security-Policy"] == configured_csp()
    assert "'self'" in configured_csp() and "http" not in configured_csp()  # nothing outside the origin
    cookie = first.headers["Set-Cookie"]
    assert cookie.startswith("techrift_replica=") and "HttpOnly" in cookie
    key = cookie.split(";")[0]
    again = request(f"{proxy.url}/", headers={"Cookie": key})
    assert again.headers["Set-Cookie"] is None  # set once per browser


def test_one_browser_stays_on_one_replica_and_browsers_spread(proxy: Cluster) -> None:
    key = "techrift_replica=0123456789abcdef"
    answered = {
        request(f"{proxy.url}/_stcore/health", headers={"Cookie": key}).headers[REPLICA_HEADER] for _ in range(10)
    }
    assert len(answered) == 1
    fresh = {request(f"{proxy.url}/_stcore/health").headers[REPLICA_HEADER] for _ in range(20)}
    assert fresh == {replica.address for replica in proxy.replicas}


def test_a_session_runs_over_the_websocket_through_nginx(proxy: Cluster) -> None:
    async def session() -> tuple[int, str | None]:
        client = SessionClient(proxy.url, timeout=60)
        await client.connect()
        try:
            warnings = await client.perform(Action("open", "timeline", "years=2018-2020"))
            await client.perform(Action("page", "sources"))
            return warnings, client.replica
        finally:
            await client.close()

    warnings, replica = run_alone(session())  # its own thread: the browser tests keep a loop in this one
    assert warnings == 0
    assert replica in {r.address for r in proxy.replicas}


def test_xsrf_protection_is_on_in_the_served_app(proxy: Cluster) -> None:
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request(f"{proxy.url}/_stcore/health", opener=browser)
    xsrf = next((cookie.value for cookie in jar if cookie.name == "_streamlit_xsrf"), None)
    assert xsrf, "the served app sets no XSRF cookie: XSRF protection is off"
    upload = f"{proxy.url}/_stcore/upload_file/no-such-session/no-such-file"
    without = request(upload, "PUT", opener=browser)
    assert without.status == 403  # a write without the token is refused
    with_token = request(upload, "PUT", headers={"X-Xsrftoken": xsrf}, opener=browser)
    assert with_token.status != 403  # the token from the cookie passes (then the unknown session fails)


def test_no_cors_for_other_origins(proxy: Cluster) -> None:
    response = request(f"{proxy.url}/_stcore/health", headers={"Origin": "http://elsewhere.invalid"})
    assert response.status == 200
    assert response.headers["Access-Control-Allow-Origin"] is None
