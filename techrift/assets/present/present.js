// The slides' controller (techrift/ui/present.py). Every step's slide is already on the page, drawn once; this script
// shows one of them, so a key changes the slide in the browser without asking the server. It scales the slide's
// 1920x1080 canvas to the screen, keeps the step in the URL (a reload opens the same step) and shares it with the
// other windows of this browser showing the slides over a BroadcastChannel: the presenter's window drives the
// audience's, and a window that (re)loads asks the others where they are. Data only ever goes in as text.

const CANVAS = { width: 1920, height: 1080 };
const NEXT = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar"]);
const PREVIOUS = new Set(["ArrowLeft", "ArrowUp", "PageUp"]);
const state = { step: 0, total: 0, presenter: false, channel: null, panel: null, data: null, installed: false };

// The step a URL asks for, or null.
export function urlStep(search, total) {
  const value = Number.parseInt(new URLSearchParams(search).get("step") ?? "", 10);
  return Number.isInteger(value) && value >= 1 && value <= total ? value : null;
}

// The step a key moves to from `step` of `total`, or null for a key the slides do not use.
export function stepAfter(key, step, total) {
  if (NEXT.has(key)) return Math.min(step + 1, total);
  if (PREVIOUS.has(key)) return Math.max(step - 1, 1);
  if (key === "Home") return 1;
  if (key === "End") return total;
  return null;
}

// How the canvas fits a screen: its scale and the offsets that centre it.
export function fit(width, height) {
  const scale = Math.min(width / CANVAS.width, height / CANVAS.height);
  return { scale, x: (width - CANVAS.width * scale) / 2, y: (height - CANVAS.height * scale) / 2 };
}

function scaleToScreen() {
  const { scale, x, y } = fit(window.innerWidth, window.innerHeight);
  const root = document.documentElement.style;
  root.setProperty("--slide-scale", String(scale));
  root.setProperty("--slide-x", `${x}px`);
  root.setProperty("--slide-y", `${y}px`);
}

function show(step, broadcast) {
  state.step = Math.min(Math.max(step, 1), state.total);
  const root = document.documentElement;
  root.dataset.slide = String(state.step);
  root.dataset.next = state.step < state.total ? String(state.step + 1) : "end";
  // A slide not shown takes no focus or click and is not read out (it is transparent, not hidden: see present.py).
  for (const slide of document.querySelectorAll('[class*="st-key-deck_slide_"]')) {
    const number = /st-key-deck_slide_(\d+)/.exec(slide.className)?.[1];
    slide.inert = number !== String(state.step);
  }
  const url = new URL(window.location.href);
  if (url.searchParams.get("step") !== String(state.step)) {
    url.searchParams.set("step", String(state.step));
    window.history.replaceState(window.history.state, "", url);
  }
  if (broadcast && state.channel) state.channel.postMessage({ type: "step", step: state.step });
  if (state.panel) state.panel.update();
  window.dispatchEvent(new CustomEvent("techrift-slide", { detail: state.step })); // timing in the browser tests
}

function onKey(event) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
  if (event.target instanceof HTMLElement && event.target.closest("input, textarea, select, [contenteditable]")) return;
  const to = stepAfter(event.key, state.step, state.total);
  if (to === null) return;
  event.preventDefault();
  event.stopPropagation();
  if (to !== state.step) show(to, true);
}

function onMessage(event) {
  const message = event.data ?? {};
  if (message.type === "step" && Number.isInteger(message.step)) show(message.step, false);
  // A window that (re)loads asks where the slides are: the presenter's window answers, the one that leads.
  if (message.type === "hello" && state.presenter) state.channel.postMessage({ type: "step", step: state.step });
}

function two(n) {
  return String(n).padStart(2, "0");
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The presenter's own controls: the step, a clock, a timer (kept across a reload), the keys, the audience window.
function presenterPanel(parent, labels) {
  const panel = element("div", "techrift-presenter");
  const counter = element("div", "techrift-presenter-counter");
  const clock = element("div", "techrift-presenter-clock");
  const timer = element("div", "techrift-presenter-timer");
  const reset = element("button", "techrift-presenter-button", labels.reset);
  const open = element("button", "techrift-presenter-button techrift-presenter-open", labels.open_audience);
  const keys = element("div", "techrift-presenter-keys", labels.keys);
  const now = element("div", "techrift-presenter-now", labels.now);
  const next = element("div", "techrift-presenter-next", labels.next);
  const end = element("div", "techrift-presenter-end", labels.end);
  panel.append(counter, clock, timer, reset, open, keys, now, next, end);
  parent.append(panel);
  const started = () => Number(window.sessionStorage.getItem("techrift-timer") ?? Date.now());
  if (window.sessionStorage.getItem("techrift-timer") === null) window.sessionStorage.setItem("techrift-timer", String(Date.now()));
  reset.addEventListener("click", () => {
    window.sessionStorage.setItem("techrift-timer", String(Date.now()));
    tick();
  });
  open.addEventListener("click", () => {
    const url = new URL(window.location.href);
    url.searchParams.delete("presenter");
    url.searchParams.delete("notes");
    url.searchParams.set("step", String(state.step));
    window.open(url.href, "techrift-audience");
  });
  const tick = () => {
    const date = new Date();
    clock.textContent = `${labels.clock} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
    const seconds = Math.max(Math.floor((Date.now() - started()) / 1000), 0);
    timer.textContent = `${labels.timer} ${two(Math.floor(seconds / 60))}:${two(seconds % 60)}`;
  };
  tick();
  const interval = window.setInterval(tick, 1000);
  return {
    update() {
      counter.textContent = labels.counter.replace("{number}", String(state.step)).replace("{total}", String(state.total));
      end.hidden = state.step < state.total;
    },
    remove() {
      window.clearInterval(interval);
      panel.remove();
    },
  };
}

export default function (component) {
  const { data, parentElement } = component;
  state.total = data.total;
  state.presenter = Boolean(data.presenter);
  state.data = data;
  if (!state.installed) {
    state.installed = true;
    window.addEventListener("resize", scaleToScreen);
    window.addEventListener("keydown", onKey, true);
    if ("BroadcastChannel" in window) {
      state.channel = new BroadcastChannel(data.channel);
      state.channel.addEventListener("message", onMessage);
    }
  }
  scaleToScreen();
  if (state.presenter && !state.panel) state.panel = presenterPanel(parentElement, data.labels);
  // The URL is the truth on a (re)load and after a reconnection: it was kept at the step shown.
  const step = state.step || urlStep(window.location.search, state.total) || data.step;
  show(step, state.presenter);
  if (!state.presenter && state.channel) state.channel.postMessage({ type: "hello" });
  document.documentElement.dataset.slidesReady = "true";
  return () => {
    if (state.panel) state.panel.remove();
    state.panel = null;
  };
}
