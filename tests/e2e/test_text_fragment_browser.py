"""A link made by techrift.fragments opens a page at the sentence: Chromium follows the text directive, scrolls the
sentence into view and highlights it (::target-text). The page is a small local HTML file served on a loopback port,
with the sentence far below the top and full of what the encoding must survive: commas, dashes, quotes, an ampersand
and Vietnamese letters."""

from __future__ import annotations

import functools
import html
import io
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from techrift.fragments import link_to_sentence

# The matched text drawn in a colour nothing else on the page has, so that a screenshot shows what was highlighted.
MARK = (255, 0, 255)
HIGHLIGHT = f"::target-text {{ background-color: rgb{MARK}; color: rgb{MARK}; }}"
FILLER = "<p>Nothing to see in this paragraph, which only pushes the sentence below the first screen.</p>\n" * 120
SENTENCES = {
    "vietnamese": "Hợp tác giữa Skoltech với Huawei đã tăng từ một hợp đồng nghiên cứu vào năm 2013 lên 10 hợp đồng "
    "trị giá 2 triệu USD hàng năm, một con số chưa bao gồm phòng thí nghiệm.",
    "english": "“We will sign such an agreement in the near future,” the rector said – R&D-heavy, 2019-05-23.",
    "short": "Individual grants totaled $2.2 million in 2018.",
}


@pytest.fixture(scope="module")
def local_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a local page holding each sentence in its own paragraph, far apart."""
    folder: Path = tmp_path_factory.mktemp("fragment-page")
    body = "".join(f'{FILLER}<p id="{key}">{html.escape(text)}</p>\n' for key, text in SENTENCES.items()) + FILLER
    page = f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title><style>{HIGHLIGHT}</style></head><body>{body}</body></html>'
    (folder / "article.html").write_text(page, encoding="utf-8")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/article.html"
    finally:
        server.shutdown()
        server.server_close()


# What the page shows after the navigation: how far it scrolled, whether the sentence's paragraph is on screen, and
# the text Chromium matched (its highlighted range, when the browser exposes it).
_WHERE = """key => {
  const target = document.getElementById(key).getBoundingClientRect();
  return {scrolled: window.scrollY, top: target.top, bottom: target.bottom, height: window.innerHeight};
}"""


@pytest.mark.e2e
@pytest.mark.parametrize("key", list(SENTENCES))
def test_the_link_opens_the_page_scrolled_to_the_sentence(page, local_page: str, key: str) -> None:
    link = link_to_sentence(local_page, SENTENCES[key])
    assert ":~:text=" in link
    page.goto(link)
    page.wait_for_function(f"() => window.scrollY > 0 && document.getElementById('{key}')", timeout=10_000)
    page.wait_for_timeout(300)  # the scroll settles
    where = page.evaluate(_WHERE, key)
    assert where["scrolled"] > 1000, where  # the sentence is far below the first screen: the page moved to it
    assert 0 <= where["top"] and where["bottom"] <= where["height"], where  # and it is in view
    paragraph = Image.open(io.BytesIO(page.locator(f"#{key}").screenshot())).convert("RGB")
    marked = sum(1 for pixel in paragraph.getdata() if pixel == MARK)
    assert marked > 2000, f"the sentence is not highlighted (::target-text): {marked} marked pixels"


@pytest.mark.e2e
def test_a_link_to_text_the_page_lacks_opens_it_at_the_top(page, local_page: str) -> None:
    page.goto(link_to_sentence(local_page, "A sentence this page does not hold, anywhere."))
    page.wait_for_timeout(1000)
    assert page.evaluate("window.scrollY") == 0
    top = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    assert MARK not in set(top.getdata())
