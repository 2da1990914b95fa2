"""TechRift: the entry point (`streamlit run dashboard.py`).

Streamlit serves the `app` below; every browser run of this script draws the navigation and the page asked for.
The pages' imports stay inside the run, so that the server listens before they are loaded: the App's lifespan
loads them, and the data, while the first browser is still starting (techrift/startup.py).
"""

import streamlit as st

from techrift import startup

app = st.App(__file__, lifespan=startup.lifespan)

if __name__ == "__main__":  # a Streamlit run; the server imports this file as the module `dashboard`
    from techrift.ui import home

    home.main()
