"""The category colours under colour-vision deficiency: simulated (Machado, Oliveira & Fernandes 2009, severity 1.0)
for protanopia and deuteranopia, every pair of colours the map tells apart by colour alone stays at least MIN_DELTA_E
apart (CIE76 in CIELAB); on the timeline, where shapes help, two colours too close must have different symbols; spans
with an approximate date keep their hatching."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from techrift import filters as flt
from techrift import schema, style, views
from techrift.charts import timeline

MACHADO = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
}
VISION = {"typical": np.eye(3), **MACHADO}
MIN_DELTA_E = 20.0  # CIE76: about the difference between two clearly different named colours


def _linear(hex_colour: str) -> np.ndarray:
    channels = np.array(style.rgb(hex_colour), dtype=float) / 255
    return np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    to_xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = to_xyz @ linear / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(hex_colour: str, vision: str) -> np.ndarray:
    """The colour in CIELAB as a viewer with that vision sees it."""
    return _lab(np.clip(VISION[vision] @ _linear(hex_colour), 0, 1))


def delta_e(a: str, b: str, vision: str) -> float:
    return float(np.linalg.norm(seen(a, vision) - seen(b, vision)))


def closest_pairs(colours: dict[str, str], vision: str) -> list[tuple[float, str, str]]:
    return sorted((delta_e(colours[a], colours[b], vision), a, b) for a, b in itertools.combinations(colours, 2))


MAP_COLOURS = {
    kind: style.CATEGORY_COLORS[kind] for kind in (*schema.PARTNER_TIE_CATEGORIES, *schema.STEP_BACK_CATEGORIES)
}
MAP_COLOURS["huawei_site"] = style.HUAWEI_SITE_COLOR


@pytest.mark.parametrize("vision", VISION)
def test_the_maps_colours_stay_apart_for_colour_blind_viewers(vision: str) -> None:
    worst = closest_pairs(MAP_COLOURS, vision)[0]
    assert worst[0] >= MIN_DELTA_E, f"{worst[1]} and {worst[2]} look alike ({worst[0]:.1f}) with {vision}"


def test_the_check_fails_on_the_old_deal_colour() -> None:
    old = MAP_COLOURS | {"deal": "#a569bd"}  # before issue 21: close to partnership blue under protanopia
    worst = closest_pairs(old, "protanopia")[0]
    assert worst[0] < MIN_DELTA_E and {worst[1], worst[2]} == {"deal", "partnership"}


def test_the_simulation_is_the_identity_for_greys_and_collapses_red_and_green() -> None:
    assert delta_e("#808080", "#808080", "protanopia") == 0
    assert delta_e("#d62728", "#2ca02c", "typical") > 60
    assert delta_e("#d62728", "#2ca02c", "deuteranopia") < delta_e("#d62728", "#2ca02c", "typical") / 2


@pytest.mark.parametrize("vision", VISION)
def test_on_the_timeline_colours_too_close_differ_in_shape(vision: str) -> None:
    close = [(a, b) for d, a, b in closest_pairs(style.CATEGORY_COLORS, vision) if d < MIN_DELTA_E]
    same_shape = [(a, b) for a, b in close if style.CATEGORY_SYMBOLS[a] == style.CATEGORY_SYMBOLS[b]]
    assert same_shape == []


def test_approximate_dates_keep_their_hatching(dataset) -> None:
    options = flt.options_for(dataset)
    shown = views.dated_events(views.timeline_events(flt.Scope(dataset, flt.default_filters(options), options)))
    figure = timeline.pivot_figure(shown.dated, dataset, "en")
    spans = [trace for trace in figure.data if trace.meta == "approximate"]
    assert spans and all(trace.marker.pattern.shape == "/" for trace in spans)
