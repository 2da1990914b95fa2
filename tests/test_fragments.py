"""Text-fragment links: each part of the directive is percent-encoded as the URL Fragment Text Directives spec says,
so that commas, dashes, ampersands, quotes and Vietnamese letters in a sentence cannot break the link."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from techrift.fragments import encode_directive_text, link_to_sentence, text_directive


@pytest.mark.parametrize(
    ("text", "encoded"),
    [
        ("plain words", "plain%20words"),
        ("one, two", "one%2C%20two"),  # ',' separates start and end
        ("2018-2019", "2018%2D2019"),  # '-' marks a prefix or suffix
        ("R&D", "R%26D"),  # '&' separates directives
        ('"quoted"', "%22quoted%22"),
        ("“curly”", "%E2%80%9Ccurly%E2%80%9D"),
        ("Huawei's", "Huawei%27s"),
        ("đại học", "%C4%91%E1%BA%A1i%20h%E1%BB%8Dc"),
        ("50%", "50%25"),
        ("a#b", "a%23b"),
        ("a/b?c=d", "a%2Fb%3Fc%3Dd"),
    ],
)
def test_each_awkward_character_is_encoded(text: str, encoded: str) -> None:
    assert encode_directive_text(text) == encoded
    assert unquote(encoded) == text


def test_a_short_excerpt_is_matched_whole_without_its_loose_quotes_and_full_stop() -> None:
    assert text_directive("“We will sign such an agreement in the near future.”") == (
        "text=We%20will%20sign%20such%20an%20agreement%20in%20the%20near%20future"
    )


def test_a_long_excerpt_is_matched_from_its_first_words_to_its_last() -> None:
    excerpt = (
        "Individual grants totaled $2.2 million in 2018, up from $855,000 in 2017, according to documents "
        "seen by The Information."
    )
    assert text_directive(excerpt) == "text=Individual%20grants%20totaled%20%242.2,seen%20by%20The%20Information"


def test_the_parts_of_a_vietnamese_excerpt_with_commas_and_dashes_stay_two_parts() -> None:
    excerpt = "Trong giai đoạn 2018-2019, các trường đại học Mỹ, gồm Princeton, Stanford và UC Berkeley, xem xét lại."
    directive = text_directive(excerpt).removeprefix("text=")
    start, end = directive.split(",")  # the only unencoded comma is the separator
    assert "-" not in directive and "&" not in directive
    assert unquote(start) == "Trong giai đoạn 2018-2019"
    assert unquote(end) == "Berkeley, xem xét lại"


def test_link_to_sentence_appends_the_directive_to_the_url() -> None:
    url = "https://example.org/news/huawei?id=7"
    assert link_to_sentence(url, "cut ties, citing security") == f"{url}#:~:text=cut%20ties%2C%20citing%20security"


def test_link_to_sentence_keeps_a_page_fragment_and_replaces_an_old_directive() -> None:
    assert link_to_sentence("https://example.org/a#part-2", "the lab closed") == (
        "https://example.org/a#part-2:~:text=the%20lab%20closed"
    )
    assert link_to_sentence("https://example.org/a#:~:text=old", "new words") == (
        "https://example.org/a#:~:text=new%20words"
    )


@pytest.mark.parametrize("excerpt", [None, "", "  ", "…"])
def test_no_excerpt_gives_the_plain_url(excerpt: str | None) -> None:
    assert link_to_sentence("https://example.org/a", excerpt) == "https://example.org/a"
