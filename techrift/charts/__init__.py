"""Pure Plotly builders: DataFrames in, go.Figure out; no Streamlit calls."""
