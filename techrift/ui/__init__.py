"""Streamlit glue, split by job; everything that decides something lives in the pure modules below it.

- shell: the shared dataset, the data-error page, navigation and the context every page starts from
- url_state: the language switch, the global filters and the URL-bound widgets, with their notices
- details: detail panels (sources, seed fragments, events, places, amounts), chart picks, the map's legend
- downloads: CSV downloads made on click
- home: the overview page (the navigation, in dashboard.py, reads techrift/sitemap.py)
- internals: every use of Streamlit's private state

Only these modules, the pages and dashboard.py import streamlit (tests/test_layering.py). This file imports nothing,
so that the server's startup can use `internals` without loading the rest.
"""
