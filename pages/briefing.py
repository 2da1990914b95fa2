"""Briefing mode: the story in a few steps, large type, one chart each; the step is in the URL (?step=3)."""

from functools import partial

import streamlit as st

from techrift import briefing, export
from techrift.i18n import t
from techrift.ui import present, provenance, shell, url_state
from techrift.ui.plotly_chart import plotly_chart

context = shell.start_page()
dataset, scope, lang = context.dataset, context.scope, context.lang
if present.requested():  # /briefing?present=1: the slides (techrift/ui/present.py)
    present.slides(context)
    st.stop()
steps = list(range(1, len(briefing.STEPS) + 1))


number = url_state.bound_radio(
    t("briefing_jump", lang),
    steps,
    "step",
    1,
    horizontal=True,
    format_func=lambda n: briefing.step_title(briefing.STEPS[n - 1].key, lang)[0],
)
step = briefing.STEPS[number - 1]
st.caption(t("briefing_step", lang, number=number, total=len(steps)))
present.show_link(context, number)
st.title(briefing.step_title(step.key, lang)[1])
st.markdown(f"## {briefing.step_text(dataset, step.key, lang)}")
drawn = step.draw(scope, context.data_dir, lang)
plotly_chart(drawn.figure, key="briefing_chart", alt=drawn.alt, lang=lang)
previous, _, following = st.columns([1, 4, 1])
previous.button(
    t("briefing_previous", lang),
    on_click=url_state.step_choice,
    args=("step", -1, steps[0], steps[-1]),
    disabled=number == steps[0],
    width="stretch",
    icon=":material/arrow_back:",
)
following.button(
    t("briefing_next", lang),
    on_click=url_state.step_choice,
    args=("step", 1, steps[0], steps[-1]),
    disabled=number == steps[-1],
    width="stretch",
    icon=":material/arrow_forward:",
)
# Built only when clicked: the file carries plotly.js and need not sit in every session's memory.
st.download_button(
    t("briefing_download", lang),
    # The deck's slides link back to this app at the address it was reached at.
    partial(briefing.export_html, dataset, context.data_dir, lang, export.app_root(st.context.url or "")),
    file_name=f"techrift-briefing-{lang}-data-{dataset.release.version}.html",
    mime="text/html",
    on_click="ignore",
    icon=":material/download:",
)

provenance.cite_view(dataset, t("briefing_title", lang), [], lang, source_ids=drawn.source_ids)
