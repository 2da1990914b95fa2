import streamlit as st

from techrift import ui

context = ui.start_page()
st.title("timeline (being built)")
