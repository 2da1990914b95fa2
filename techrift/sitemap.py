"""The app's pages, one entry each: the navigation (dashboard.py), the overview's list of views and every test that
visits pages read this list. Adding a page is one entry here, its script in pages/ and its nav_<name> and
blurb_<name> catalogue keys (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page: its name (its URL path and the tail of its catalogue keys), its script, its navigation icon, and
    sample query parameters that show its own choices (each a view the tests visit; `{}` is the page as it opens)."""

    name: str
    script: str  # relative to the project root, where dashboard.py is
    icon: str
    samples: tuple[Mapping[str, str], ...] = ({},)
    home: bool = False  # the overview: drawn by techrift.ui.home, at the site's root

    @property
    def url_path(self) -> str:
        """The page's path in the browser ("" for the overview)."""
        return "" if self.home else self.name

    @property
    def title_key(self) -> str:
        return f"nav_{self.name}"

    @property
    def blurb_key(self) -> str:
        """The catalogue key of the line that describes a view on the overview."""
        return f"blurb_{self.name}"


OVERVIEW = Page("overview", "dashboard.py", ":material/explore:", home=True)
# The views, in the navigation's order.
VIEW_PAGES: tuple[Page, ...] = (
    Page("timeline", "pages/timeline.py", ":material/timeline:"),
    Page("map", "pages/map.py", ":material/map:", ({}, {"view": "world"})),
    Page("funding", "pages/funding.py", ":material/payments:", ({}, {"group": "payer", "log": "1"})),
    Page("compare", "pages/compare.py", ":material/compare_arrows:"),
    Page("sources", "pages/sources.py", ":material/menu_book:"),
    # a fixture record of each kind, so that the tests that visit pages open one
    Page(
        "record",
        "pages/record.py",
        ":material/article:",
        (
            {"id": "berkeley-suspends"},
            {"id": "skoltech-contracts-2019"},
            {"id": "skoltech-contract-count-2019"},
            {"id": "aws-talent"},
            {"id": "skoltech"},
            {"id": "seed-000"},
        ),
    ),
    Page(
        "briefing",
        "pages/briefing.py",
        ":material/co_present:",
        ({}, {"step": "4"}, {"present": "1", "step": "1", "notes": "1"}),
    ),
    # first a search that finds records: the tests of every view's downloads read a page's first sample
    Page("search", "pages/search.py", ":material/search:", ({"q": "Huawei"}, {}, {"q": "H20", "company": "Huawei"})),
)
PAGES: tuple[Page, ...] = (OVERVIEW, *VIEW_PAGES)


def visits(pages: tuple[Page, ...] = PAGES) -> list[tuple[str, dict[str, str]]]:
    """Every (script, query parameters) view of the pages' samples, for the tests that visit pages."""
    return [(page.script, dict(sample)) for page in pages for sample in page.samples]


def visit_id(script: str, params: Mapping[str, str]) -> str:
    """A readable test id for a visit: `map?view=world`."""
    name = next(page.name for page in PAGES if page.script == script)
    return name + ("?" + "&".join(f"{key}={value}" for key, value in params.items()) if params else "")
