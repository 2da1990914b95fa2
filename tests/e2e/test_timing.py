"""The browser-side timing shared by these tests and the benchmark counts what is painted, and only that."""

from __future__ import annotations

from conftest import pick_country, visit

from tests.e2e import chromium

# The two elements the recorder watches, as Streamlit names them, with a canvas like the data grid's inside.
PAGE = """<div data-testid="stApp" data-test-script-state="notRunning"><div data-testid="stMain">
<canvas id="grid"></canvas><p id="text">before</p></div></div>"""


def test_a_canvas_fallback_copy_is_not_a_paint_but_visible_text_is(page) -> None:
    page.set_content(PAGE)
    page.evaluate(chromium.RECORDER)
    # The data grid adds an accessible copy of its rows as the canvas's own child after drawing: nothing on screen changes.
    page.evaluate("""() => { const grid = document.getElementById('grid');
        grid.appendChild(document.createElement('table')).appendChild(document.createElement('tr')).textContent = 'row';
        grid.querySelector('tr').textContent = 'row, again'; }""")
    page.wait_for_timeout(50)
    assert page.evaluate("() => window.__bench.last") == 0
    page.evaluate("() => { document.getElementById('text').textContent = 'after'; }")
    page.wait_for_function("() => window.__bench.last > 0", timeout=2_000)


def test_every_script_state_transition_is_recorded(page) -> None:
    page.set_content(PAGE)
    page.evaluate(chromium.RECORDER)
    # A fast run flips running -> notRunning within one observer batch; both must be seen.
    page.evaluate("""() => { const app = document.querySelector('[data-testid="stApp"]');
        app.dataset.testScriptState = 'running'; app.dataset.testScriptState = 'notRunning'; }""")
    page.wait_for_function("() => window.__bench.states.length >= 2", timeout=2_000)
    assert [state for _, state in page.evaluate("() => window.__bench.states")] == ["running", "notRunning"]


def test_a_run_started_by_the_press_itself_is_timed_from_the_press(page) -> None:
    # A dropdown option is picked on mousedown: a fast rerun can start before the click event of the same press.
    page.set_content(PAGE.replace("</div></div>", '<button id="pick">pick</button></div></div>'))
    page.evaluate(chromium.RECORDER)
    page.evaluate("""() => document.getElementById('pick').addEventListener('mousedown', () => {
        const app = document.querySelector('[data-testid="stApp"]');
        app.dataset.testScriptState = 'running';
        setTimeout(() => { app.dataset.testScriptState = 'notRunning'; }, 0); })""")
    page.click("#pick")
    page.wait_for_function(chromium.SETTLED, arg=[50], timeout=3_000)
    timings = page.evaluate(chromium.TIMINGS)
    assert 0 <= timings["script"] <= timings["redrawn"]


def test_a_run_the_page_never_shows_as_running_is_seen_in_the_app_messages(page) -> None:
    # A fast rerun reaches the browser in one burst: "running" and "not running" drawn in one render, so the script
    # state attribute never changes; the app's messages are the only sign of the run.
    page.set_content(PAGE.replace("</div></div>", '<button id="pick">pick</button></div></div>'))
    page.evaluate(chromium.RECORDER)
    page.evaluate("""() => document.getElementById('pick').addEventListener('click', () => setTimeout(() => {
        window.__appMessages.push(performance.now());
        document.getElementById('text').textContent = 'redrawn';
        setTimeout(() => window.__appMessages.push(performance.now()), 40); }, 20))""")
    page.click("#pick")
    page.wait_for_function(chromium.SETTLED, arg=[50], timeout=3_000)
    timings = page.evaluate(chromium.TIMINGS)
    assert page.evaluate("() => window.__bench.states") == []
    assert 30 <= timings["script"] <= timings["redrawn"]  # first message to last: the 40 ms between them, at least


def test_a_run_seen_in_the_messages_is_not_settled_while_the_page_shows_it_running(page) -> None:
    page.set_content(PAGE.replace("</div></div>", '<button id="pick">pick</button></div></div>'))
    page.evaluate(chromium.RECORDER)
    page.click("#pick")
    page.evaluate("""() => { window.__appMessages.push(performance.now());
        document.querySelector('[data-testid="stApp"]').dataset.testScriptState = 'running'; }""")
    page.wait_for_timeout(200)
    assert not page.evaluate(chromium.SETTLED, [50])
    page.evaluate("() => { document.querySelector('[data-testid=\"stApp\"]').dataset.testScriptState = 'notRunning'; }")
    page.wait_for_function(chromium.SETTLED, arg=[50], timeout=3_000)


def test_the_tap_records_the_real_app_messages(app) -> None:
    visit(app, "/")
    received = app.evaluate("() => window.__appMessages.length")
    assert received > 0
    pick_country(app, "Russia")  # a rerun: more messages, and rerun_after saw it end
    assert app.evaluate("() => window.__appMessages.length") > 0
    assert app.evaluate("() => window.__bench.run().messages") > 0


def test_a_change_that_never_settles_says_what_was_seen(page) -> None:
    page.set_content(PAGE.replace("</div></div>", '<button id="pick">pick</button></div></div>'))
    assert chromium.what_was_seen(page) == "no recorder in the page"
    page.evaluate(chromium.RECORDER)
    page.click("#pick")  # an action that starts no run
    seen = chromium.what_was_seen(page)
    assert seen.startswith(
        "action seen; script states after it (ms, state): []; app messages after it: 0; script state now: notRunning"
    )
    assert seen.endswith("main area last changed at never ms")
