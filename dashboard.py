"""TechRift: the entry point (`streamlit run dashboard.py`), and where the navigation lives.

Streamlit serves the `app` below; every browser run of this script draws the navigation of techrift/sitemap.py's
pages and runs the page asked for. The pages' imports stay inside the run, so that the server listens before they are
loaded: the App's lifespan loads them, and the data, while the first browser is still starting (techrift/startup.py).
"""

import streamlit as st

from techrift import startup

app = st.App(__file__, lifespan=startup.lifespan)


def main() -> None:
    """Set up the page, then draw the navigation and the page the URL asks for."""
    from techrift import sitemap
    from techrift.i18n import t
    from techrift.ui import home, shell, url_state

    lang = url_state.current_language()
    st.set_page_config(page_title=t("app_name", lang), page_icon=str(home.ICON), layout="wide")
    shell.run_navigation(
        [
            st.Page(home.home, title=t(page.title_key, lang), icon=page.icon, default=True)
            if page.home
            else st.Page(page.script, title=t(page.title_key, lang), icon=page.icon, url_path=page.url_path)
            for page in sitemap.PAGES
        ]
    )


if __name__ == "__main__":  # a Streamlit run; the server imports this file as the module `dashboard`
    main()
