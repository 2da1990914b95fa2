// A chart's image, downloaded as PNG or SVG with its credits drawn into it (as Datawrapper's exports carry theirs):
// its title above, the source line with the data version below. Plotly's own image button draws only the figure, so
// a copy of the figure is laid out with a title band and a source band, and Plotly.toImage draws that copy, in this
// browser: nothing leaves the machine. Used by plotly_chart.js (the element), which hands over `credit`, the server's
// image_credit (techrift/ui/plotly_chart.py).

const TITLE_SIZE = 18;
const SOURCE_SIZE = 12;
const PAD = 12;
const TITLE_CHAR_PX = 10; // an average bold 18 px character, on the wide side
const SOURCE_CHAR_PX = 6.6; // an average 12 px character, on the wide side
const PNG_SCALE = 2; // sharp on a slide or a high-density screen
const INK = "#111111";
const MUTED = "#4d5656";

// Plotly reads its text as a little HTML: the credit's text is data, so its markup characters are escaped.
function escapeText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function lines(text, chars) {
  const out = [];
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    const last = out.length - 1;
    if (last >= 0 && (out[last] + " " + word).length <= chars) out[last] += " " + word;
    else out.push(word);
  }
  return out;
}

// The heading the reader sees above the chart: the last h1-h3 of the page before it.
export function headingAbove(node) {
  let found = "";
  for (const heading of document.querySelectorAll("h1, h2, h3")) {
    if (heading.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) found = heading.textContent;
  }
  return found.trim();
}

// The page's chart font is a web font, which an image made from SVG cannot reach (it would fall back to a wider font
// and cut labels): its files are put into the SVG, as data, so the image is drawn in the font it was measured in.
const FONT_FAMILY = /source sans/i;

function fontRules() {
  const found = [];
  for (const sheet of document.styleSheets) {
    let rules = [];
    try {
      rules = [...sheet.cssRules];
    } catch {
      continue; // a sheet of another origin: not ours
    }
    for (const rule of rules) {
      if (rule instanceof CSSFontFaceRule && FONT_FAMILY.test(rule.style.getPropertyValue("font-family"))) {
        if (rule.style.getPropertyValue("font-style") !== "italic") found.push(rule);
      }
    }
  }
  return found;
}

function asDataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

let fontCss = null; // made once per page: the same font for every image

// The chart font's @font-face rules with their files (served by this server) inlined; "" if they cannot be read.
export function embeddedFontCss() {
  fontCss ??= (async () => {
    const faces = [];
    for (const rule of fontRules()) {
      const url = rule.style.getPropertyValue("src").match(/url\(["']?([^"')]+)["']?\)/)?.[1];
      if (!url) continue;
      const response = await fetch(new URL(url, rule.parentStyleSheet?.href ?? document.baseURI));
      if (!response.ok) continue;
      const data = await asDataUrl(await response.blob());
      const weight = rule.style.getPropertyValue("font-weight") || "normal";
      const family = rule.style.getPropertyValue("font-family");
      faces.push(`@font-face{font-family:${family};src:url(${data});font-weight:${weight};font-style:normal}`);
    }
    return faces.join("");
  })().catch((error) => {
    console.warn("techrift chart image: the chart font could not be embedded,", error);
    return "";
  });
  return fontCss;
}

// The chart's figure, laid out for an image of `width` x `height`, drawn in a node of its own off the screen.
async function layOut(Plotly, graph, width, height) {
  const node = document.createElement("div");
  node.style.cssText = `position: fixed; left: -${width + 100}px; top: 0; width: ${width}px; height: ${height}px;`;
  document.body.appendChild(node);
  const layout = JSON.parse(JSON.stringify(graph.layout));
  Object.assign(layout, { width, height, autosize: false });
  await Plotly.newPlot(node, graph.data, layout, { staticPlot: true });
  return node;
}

// Add the credits to a chart laid out in `node`: the plot area keeps the size it has, a band above holds the title
// and a band below the source line with the data version.
export function creditLayout(node, credit, title) {
  const full = node._fullLayout;
  const size = full._size; // the plot area and the margins as laid out (after automargin)
  const width = Math.round(full.width);
  const titleLines = lines(title, Math.max(Math.floor((width - 2 * PAD) / TITLE_CHAR_PX), 16));
  const sourceLines = lines(credit.source ?? "", Math.max(Math.floor((width - 2 * PAD) / SOURCE_CHAR_PX), 24));
  const top = titleLines.length ? 2 * PAD + titleLines.length * (TITLE_SIZE + 8) : 0;
  const bottom = PAD + sourceLines.length * (SOURCE_SIZE + 5) + 4;
  const height = Math.round(full.height) + top + bottom;
  const update = {
    height,
    margin: { l: size.l, r: size.r, t: size.t + top, b: size.b + bottom, pad: full.margin.pad, autoexpand: false },
    annotations: [
      ...(node.layout.annotations ?? []),
      {
        text: sourceLines.map(escapeText).join("<br>"),
        showarrow: false,
        align: "left",
        xref: "paper",
        yref: "paper",
        x: -(size.l - PAD) / size.w,
        xanchor: "left",
        y: -(size.b + bottom - PAD / 2) / size.h,
        yanchor: "bottom",
        font: { size: SOURCE_SIZE, color: MUTED },
      },
    ],
  };
  if (titleLines.length) {
    update.title = {
      text: titleLines.map((line) => `<b>${escapeText(line)}</b>`).join("<br>"),
      x: 0,
      xref: "container",
      xanchor: "left",
      y: 1,
      yref: "container",
      yanchor: "top",
      pad: { l: PAD, t: PAD },
      font: { size: TITLE_SIZE, color: INK, family: full.font.family },
    };
  }
  return { layout: update, width, height };
}

function save(url, filename) {
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

const SVG_PREFIX = "data:image/svg+xml,";

// The SVG text of a chart laid out in `node`, its font inside it.
async function svgWithFont(Plotly, node, width, height) {
  const url = await Plotly.toImage(node, { format: "svg", width, height });
  const svg = decodeURIComponent(url.slice(url.indexOf(",") + 1));
  const css = await embeddedFontCss();
  return css ? svg.replace(/<svg[^>]*>/, (open) => `${open}<defs><style>${css}</style></defs>`) : svg;
}

// The SVG drawn on a canvas `scale` times its size, as a PNG data URL.
async function pngOf(svg, width, height, scale) {
  const image = new Image();
  image.src = SVG_PREFIX + encodeURIComponent(svg);
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL("image/png");
}

// Draw the credited copy of the chart as `format` ("png" or "svg") and download it: laid out off the screen at the
// size it is drawn, then given its title and source bands around that same plot area.
export async function downloadImage(graph, format, credit) {
  const Plotly = window.Plotly;
  const title = credit.title || headingAbove(graph);
  const full = graph._fullLayout;
  const node = await layOut(Plotly, graph, Math.round(full.width), Math.round(full.height));
  try {
    const credited = creditLayout(node, credit, title);
    await Plotly.relayout(node, credited.layout);
    const svg = await svgWithFont(Plotly, node, credited.width, credited.height);
    const url =
      format === "svg"
        ? SVG_PREFIX + encodeURIComponent(svg)
        : await pngOf(svg, credited.width, credited.height, PNG_SCALE);
    save(url, `${credit.filename ?? "chart"}.${format}`);
  } finally {
    Plotly.purge(node);
    node.remove();
  }
}

// The element's image buttons: in the mode bar (in place of Plotly's) and in a row under the chart, where a phone's
// reader finds them without the mode bar. `chart.credit` is read at the click: the latest the server sent.
export function imageExport(chart) {
  const exportAs = (format) => () =>
    downloadImage(chart.graph, format, chart.credit ?? {}).catch((error) => console.error("techrift chart image:", error));
  const row = document.createElement("div");
  row.className = "techrift-plotly-image";
  const label = document.createElement("span");
  const buttons = ["png", "svg"].map((format) => {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.format = format;
    button.addEventListener("click", exportAs(format));
    return button;
  });
  row.append(label, ...buttons);
  chart.root.append(row);
  let modeBar = null; // made once plotly.js is loaded (its camera icon), then the same objects on every draw
  return {
    // The config of a draw: the server's, with the image buttons in the mode bar.
    config(config, Plotly) {
      modeBar ??= ["png", "svg"].map((format) => ({
        name: `techrift-image-${format}`,
        title: format.toUpperCase(),
        icon: Plotly.Icons.camera,
        click: exportAs(format),
      }));
      const words = chart.credit?.labels ?? {};
      for (const entry of modeBar) entry.title = `${words.download ?? ""} ${words[entry.name.slice(-3)] ?? ""}`.trim();
      return { ...config, modeBarButtonsToAdd: [modeBar] };
    },
    // The row's words, in the page's language.
    label(credit) {
      row.style.display = credit?.buttons === false ? "none" : ""; // a slide shows the audience the chart alone
      const words = credit?.labels ?? {};
      label.textContent = words.download ?? "";
      for (const button of buttons) button.textContent = words[button.dataset.format] ?? button.dataset.format;
    },
  };
}
