// The app's one Plotly chart element (techrift/ui/plotly_chart.py). Streamlit calls this function on the first draw and
// again on every rerun that hands it new data; the chart's node is made once per element and each later figure is
// applied to it with Plotly.react. Everything from the data goes in as text or as the figure Plotly draws: never as HTML.

import { imageExport } from "./chart_image.js"; // the image buttons: PNG and SVG with the chart's credits

// plotly.js from the installed plotly package, served by this server beside this file (see plotly_chart.py).
const PLOTLY_URL = new URL("../techrift.plotly_js/plotly.min.js", import.meta.url).href;
const DEFAULT_HEIGHT = 450;
// Narrower than this (a phone), a chart changes its layout instead of shrinking: row labels are shortened (the full
// name stays in the hover) so the marks keep most of the width, and an axis keeps every other tick (docs/charts.md).
export const PHONE_WIDTH = 600;
const PHONE_LABEL_SHARE = 0.38; // of the chart's width, at most, for a row's label
const CHAR_PX = 7.5; // the width of an average 13 px character, on the wide side
const TAP_MS = 1000; // a click this soon after a touch began is that touch's tap

// The words of `text` in lines of at most `chars` characters, joined by <br> (a long legend title on a phone).
function wrap(text, chars) {
  const lines = [];
  for (const word of String(text).split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + " " + word).length <= chars) lines[last] += " " + word;
    else lines.push(word);
  }
  return lines.join("<br>");
}

function shorten(text, chars) {
  return text.length <= chars ? text : text.slice(0, Math.max(chars - 1, 1)) + "…";
}

// The figure's layout for a phone (`width` px): row labels shortened to fit a share of the width (the hover keeps
// the full text), the room for them measured by plotly.js, every other tick of a number or date axis, long legend
// titles wrapped, the timeline's side labels above their rule.
export function forPhone(figure, width) {
  const layout = figure.layout;
  const labelChars = Math.max(Math.floor((width * PHONE_LABEL_SHARE) / CHAR_PX), 8);
  const lineChars = Math.max(Math.floor((width - 24) / CHAR_PX), 12);
  let rows = false;
  for (const [name, axis] of Object.entries(layout)) {
    if (!/^[xy]axis\d*$/.test(name) || !axis) continue;
    const named = (axis.tickvals ?? axis.categoryarray ?? []).some((value) => typeof value === "string");
    if (name.startsWith("y") && (named || hasRowTraces(figure, name))) {
      const labels = axis.tickvals ?? axis.categoryarray ?? [...new Set(rowLabels(figure, name))];
      const texts = axis.ticktext ?? labels;
      axis.tickmode = "array";
      axis.tickvals = labels;
      // A label of two lines (a name, then its amount) is shortened line by line.
      axis.ticktext = texts.map((text) =>
        String(text)
          .split("<br>")
          .map((line) => shorten(line, labelChars))
          .join("<br>"),
      );
      axis.automargin = true;
      rows = true;
    }
    if (name.startsWith("x") && Array.isArray(axis.tickvals) && axis.tickvals.length > 1) {
      // At most three ticks, fewer where their words are long ('tháng 1/2019'): each needs its text's width.
      const texts = (axis.ticktext ?? axis.tickvals).map(String);
      const tickPx = Math.max(...texts.map((text) => text.length)) * CHAR_PX + 16;
      const fit = Math.max(Math.floor((width * (1 - PHONE_LABEL_SHARE) - 24) / tickPx), 1);
      const step = Math.ceil(axis.tickvals.length / Math.min(3, fit));
      const keep = (_, i) => i % step === 0;
      axis.tickvals = axis.tickvals.filter(keep);
      if (Array.isArray(axis.ticktext)) axis.ticktext = axis.ticktext.filter(keep);
      axis.tickangle = 0;
    }
    if (axis.title?.text && String(axis.title.text).length > lineChars) axis.title.text = wrap(axis.title.text, lineChars);
  }
  stackPanels(layout);
  for (const trace of figure.data ?? []) {
    // A label beside a mark ran off a phone's screen: a bar keeps its amount where it fits inside, a dot in its
    // hover (a tap shows it).
    if (trace.type === "bar" && trace.orientation === "h" && trace.text) trace.textposition = "inside";
    if (trace.type === "scatter" && typeof trace.y?.[0] === "string" && trace.mode === "markers+text") {
      trace.mode = "markers";
    }
    // A legend entry longer than the screen is wide goes on two lines or more.
    if (trace.name && String(trace.name).length > lineChars - 6) trace.name = wrap(trace.name, lineChars - 6);
  }
  if (rows) layout.uniformtext = { minsize: 13, mode: "hide" };
  const title = layout.legend?.title;
  if (title?.text) title.text = wrap(title.text, lineChars);
  for (const note of layout.annotations ?? []) {
    if (note.xref === "paper" && note.x === 1 && note.yref === "y") note.yanchor = "bottom";
    // A note placed in the plot wraps to the plot's width (the marks get about the share the labels leave).
    const noteChars = Math.max(Math.floor((width * (1 - PHONE_LABEL_SHARE) - 24) / CHAR_PX), 12);
    if (note.text && !String(note.text).includes("<br>") && String(note.text).length > noteChars) {
      note.text = wrap(note.text, noteChars);
    }
  }
  if (rows && layout.margin) delete layout.margin.l; // measured for the full labels: plotly.js measures the short ones
  return figure;
}

// Panels side by side (the comparison's whole span and its close-up) go one above the other on a phone, each with
// the whole width and its own row labels, so that no panel's marks get less than half the chart.
function stackPanels(layout) {
  const xs = Object.keys(layout)
    .filter((key) => /^xaxis\d*$/.test(key) && layout[key]?.domain)
    .sort();
  const side = xs.filter((key) => layout[key].domain[0] > 0.01 || layout[key].domain[1] < 0.99);
  if (side.length < 2 || side.length !== xs.length) return;
  const gap = 0.08;
  const share = (1 - gap * (side.length - 1)) / side.length;
  side.forEach((key, i) => {
    const y = layout[`yaxis${key.slice(5)}`];
    if (!y || y.domain?.[0] > 0.01 || y.domain?.[1] < 0.99) return;
    layout[key].domain = [0, 1];
    const top = 1 - i * (share + gap);
    y.domain = [Math.max(top - share, 0), top];
    y.showticklabels = true;
  });
  layout.height = (layout.height ?? DEFAULT_HEIGHT) * side.length;
}

function rowLabels(figure, axisName) {
  const id = axisName.replace("axis", "");
  return (figure.data ?? []).filter((trace) => (trace.yaxis ?? "y") === id).flatMap((trace) => trace.y ?? []);
}

function hasRowTraces(figure, axisName) {
  const id = axisName.replace("axis", "");
  return (figure.data ?? []).some(
    (trace) => (trace.yaxis ?? "y") === id && (trace.orientation === "h" || typeof trace.y?.[0] === "string"),
  );
}

let plotlyLoading = null; // one load per page, shared by every chart (this module is evaluated once per page)

export function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotlyLoading) {
    plotlyLoading = new Promise((resolve, reject) => {
      const loading = document.querySelector("script[data-techrift-plotly]"); // one copy per page, whoever started it
      const script = loading ?? document.createElement("script");
      script.addEventListener("load", () =>
        window.Plotly ? resolve(window.Plotly) : reject(new Error(`${PLOTLY_URL} did not define Plotly`)),
      );
      script.addEventListener("error", () => {
        script.remove();
        plotlyLoading = null; // a later draw may try again
        reject(new Error(`could not load ${PLOTLY_URL}`));
      });
      if (!loading) {
        script.src = PLOTLY_URL;
        script.async = true;
        script.dataset.techriftPlotly = "";
        document.head.appendChild(script);
      }
    });
  }
  return plotlyLoading;
}

// Per element: its nodes, the figure drawn last, and what it listens to. Keyed by the element's host node.
const charts = new WeakMap();

function build(host) {
  const root = document.createElement("div");
  root.className = "techrift-plotly";
  root.setAttribute("role", "figure");
  const alt = document.createElement("p");
  alt.className = "techrift-plotly-alt";
  alt.id = `techrift-plotly-alt-${Math.random().toString(36).slice(2)}`;
  root.setAttribute("aria-labelledby", alt.id);
  const message = document.createElement("p");
  message.className = "techrift-plotly-message";
  message.setAttribute("role", "status");
  message.hidden = true;
  const graph = document.createElement("div");
  graph.className = "techrift-plotly-graph";
  root.append(message, alt, graph);
  host.appendChild(root); // beside what Streamlit puts there (the link to this element's CSS)
  const chart = { root, alt, message, graph, drawn: null, drawing: Promise.resolve(), setSelection: null };
  chart.cleanup = () => {
    chart.resize.disconnect();
    if (window.Plotly) window.Plotly.purge(graph);
    charts.delete(host);
  };
  // Width follows the container (sidebar collapsed, narrow screen); the height is the figure's own. A new figure's
  // height changes the container's, which needs no second layout: Plotly.react has just measured the width.
  chart.resize = new ResizeObserver(() => {
    if (chart.frame) return;
    chart.frame = requestAnimationFrame(() => {
      chart.frame = 0;
      const width = root.clientWidth;
      if (width === chart.width || !window.Plotly || !graph.isConnected || !graph._fullLayout) return;
      chart.width = width;
      window.Plotly.Plots.resize(graph);
    });
  });
  chart.resize.observe(root);
  chart.image = imageExport(chart);
  return chart;
}

// A chart that cannot be drawn says why, and shows its text alternative in place of a stale or blank drawing.
function say(chart, text) {
  chart.message.textContent = text;
  chart.message.hidden = !text;
  chart.root.classList.toggle("techrift-plotly-failed", Boolean(text));
  if (text && window.Plotly) {
    window.Plotly.purge(chart.graph); // also drops its listeners: the next drawing adds them again
    chart.listening = null;
  }
}

// Streamlit's own selection shape (st.plotly_chart's), so the page reads a pick the same way.
function selectionOf(event) {
  const points = (event?.points ?? []).map((point) => ({
    curve_number: point.curveNumber,
    point_number: point.pointNumber,
    point_index: point.pointIndex,
    x: point.x,
    y: point.y,
    customdata: point.customdata,
    legendgroup: point.data?.legendgroup,
  }));
  const box = event?.range ? [{ xref: "x", yref: "y", x: event.range.x, y: event.range.y }] : [];
  const lasso = event?.lassoPoints ? [{ xref: "x", yref: "y", x: event.lassoPoints.x, y: event.lassoPoints.y }] : [];
  return { points, box, lasso };
}

function listen(chart, Plotly) {
  const { graph } = chart;
  const send = (selection) => chart.setSelection?.(selection);
  graph.on("plotly_selected", (event) => event && send(selectionOf(event)));
  graph.on("plotly_deselect", () => send({ points: [], box: [], lasso: [] }));
  // A tap: plotly.js reports it as a click on the mark but selects nothing (a mouse's click selects because its
  // hover came first), so the tapped mark is selected here, as a click would select it.
  graph.addEventListener("touchstart", () => (chart.touchedAt = performance.now()), { passive: true, capture: true });
  graph.on("plotly_click", (event) => {
    const point = event?.points?.[0];
    if (!chart.setSelection || !point || performance.now() - (chart.touchedAt ?? -Infinity) > TAP_MS) return;
    Plotly.restyle(graph, { selectedpoints: graph.data.map((_, i) => (i === point.curveNumber ? [point.pointIndex] : [])) });
    send(selectionOf({ points: [point] }));
  });
  chart.listening = Plotly;
}

async function draw(chart, data) {
  const parsed = JSON.parse(data.figure);
  parsed.layout = parsed.layout ?? {};
  const width = chart.root.clientWidth;
  const figure = width < PHONE_WIDTH ? forPhone(parsed, width) : parsed;
  const layout = figure.layout;
  layout.autosize = true;
  delete layout.width;
  layout.height = layout.height ?? DEFAULT_HEIGHT;
  chart.graph.style.height = `${layout.height}px`; // the space is kept while plotly.js loads
  const Plotly = await loadPlotly();
  // How st.plotly_chart set a chart up: a click selects where points can be picked, dragging pans there (else zooms).
  const modes = data.selection_mode ?? [];
  layout.clickmode = modes.includes("points") ? "event+select" : "event";
  layout.hovermode = layout.hovermode ?? "closest";
  const drag = modes.includes("box") ? "select" : modes.includes("lasso") ? "lasso" : modes.length ? "pan" : "zoom";
  layout.dragmode = layout.dragmode ?? drag;
  await Plotly.react(chart.graph, figure.data ?? [], layout, chart.image.config(data.config ?? {}, Plotly));
  chart.width = chart.root.clientWidth;
  if (chart.listening !== Plotly) listen(chart, Plotly);
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const chart = charts.get(parentElement) ?? build(parentElement);
  charts.set(parentElement, chart);
  chart.setSelection = data.selection_mode?.length ? (value) => setStateValue("selection", value) : null;
  chart.alt.textContent = data.alt ?? "";
  chart.credit = data.image;
  chart.image.label(data.image);
  if (data.figure === chart.drawn) return chart.cleanup; // a rerun that changed nothing keeps the selection drawn
  const figure = (chart.drawn = data.figure);
  delete chart.root.dataset.drawn;
  // A figure handed over while an earlier one waits (for plotly.js, or its turn) replaces it: the earlier one is
  // skipped, and only the latest figure says it is drawn, or why it is not.
  const latest = () => chart.drawn === figure;
  chart.drawing = chart.drawing
    .then(() => (latest() ? draw(chart, data) : undefined))
    .then(
      () => {
        if (!latest()) return;
        say(chart, "");
        chart.root.dataset.drawn = "true"; // the latest figure is fully drawn (browser tests and the benchmark wait for it)
      },
      (error) => {
        console.error("techrift chart:", error);
        if (!latest()) return;
        chart.drawn = null; // try again on the next rerun
        say(chart, window.Plotly ? data.messages.failed : data.messages.unavailable);
      },
    );
  return chart.cleanup; // Streamlit runs the last one returned, once, when the element goes
}
