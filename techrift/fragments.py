"""Links that open a page at a sentence: the URL Fragment Text Directive (`#:~:text=start,end`), which Chromium,
Safari and Firefox follow by scrolling to the text and highlighting it. A page without the text opens at the top."""

from __future__ import annotations

import re
from urllib.parse import quote

WORDS_AT_EACH_END = 4  # a long excerpt is matched by its first and last words: a range survives small edits between
LONG_EXCERPT_WORDS = 2 * WORDS_AT_EACH_END + 2
# Quotation marks and end punctuation a page may print differently (curly or straight) or leave out at a boundary.
_LOOSE_ENDS = "\"'“”‘’«»„‚「」『』()[]….,;:!?—–-"


def encode_directive_text(text: str) -> str:
    """One part of a text directive, percent-encoded: everything but unreserved ASCII, and '-' too (the spec makes
    '-', ',' and '&' syntax inside a directive)."""
    return quote(text, safe="").replace("-", "%2D")


def _trimmed(words: list[str]) -> str:
    return " ".join(words).strip(_LOOSE_ENDS + " ")


def text_directive(excerpt: str) -> str:
    """`text=start,end` for an excerpt: the whole excerpt when short, else its first and last words."""
    words = excerpt.split()
    if len(words) <= LONG_EXCERPT_WORDS:
        return "text=" + encode_directive_text(_trimmed(words))
    start, end = _trimmed(words[:WORDS_AT_EACH_END]), _trimmed(words[-WORDS_AT_EACH_END:])
    return f"text={encode_directive_text(start)},{encode_directive_text(end)}"


def link_to_sentence(url: str, excerpt: str | None) -> str:
    """The URL that opens the page at the excerpt (the URL itself when there is no excerpt)."""
    if not excerpt or not re.search(r"\w", excerpt):
        return url
    directive = text_directive(excerpt)
    if "#" in url:
        base, fragment = url.split("#", 1)
        fragment = fragment.split(":~:", 1)[0]  # one directive: the sentence, not a stale one
        return f"{base}#{fragment}:~:{directive}"
    return f"{url}#:~:{directive}"
