// The "Copy link" button (techrift/ui/copy_link.py). Streamlit calls this function on the first draw and on every
// rerun with the view's link as it now is; the button copies that link to the clipboard and says "Copied". Where the
// page may not write the clipboard (no secure context, or the browser refuses), the link is shown in a selected text
// field, to copy by hand. Everything from the server is set as text, never as HTML.

const CONFIRM_MS = 2500;
const nodes = new WeakMap(); // per element: its nodes and the link it holds, keyed by the element's host node

function build(host) {
  const root = document.createElement("div");
  root.className = "techrift-copy-link";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "techrift-copy-link-button";
  const status = document.createElement("span");
  status.className = "techrift-copy-link-status";
  status.setAttribute("role", "status"); // read out when it says "Copied"
  const field = document.createElement("input");
  field.type = "text";
  field.readOnly = true;
  field.className = "techrift-copy-link-field";
  field.hidden = true;
  root.append(button, status, field);
  host.appendChild(root);
  const parts = { root, button, status, field, link: "", labels: {}, timer: 0 };
  button.addEventListener("click", () => copy(parts));
  field.addEventListener("focus", () => field.select());
  return parts;
}

function confirm(parts, text) {
  parts.status.textContent = text;
  parts.root.dataset.copied = "true";
  clearTimeout(parts.timer);
  parts.timer = setTimeout(() => {
    parts.status.textContent = "";
    delete parts.root.dataset.copied;
  }, CONFIRM_MS);
}

// The link in a selected field; the older copy command may still work there (it needs the selection).
function byHand(parts) {
  const { field } = parts;
  field.value = parts.link;
  field.hidden = false;
  field.focus();
  field.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  if (copied) confirm(parts, parts.labels.copied);
  else parts.status.textContent = parts.labels.manual;
}

async function copy(parts) {
  if (navigator.clipboard?.writeText && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(parts.link);
      parts.field.hidden = true;
      confirm(parts, parts.labels.copied);
      return;
    } catch (error) {
      console.warn("techrift copy link: the clipboard refused,", error);
    }
  }
  byHand(parts);
}

export default function (component) {
  const { data, parentElement } = component;
  const parts = nodes.get(parentElement) ?? build(parentElement);
  nodes.set(parentElement, parts);
  parts.link = data.link ?? "";
  parts.labels = data.labels ?? {};
  parts.button.textContent = parts.labels.copy ?? "";
  parts.button.title = parts.labels.help ?? "";
  parts.root.dataset.link = parts.link; // what the button copies, for a reader of the page's markup (and its tests)
  if (!parts.field.hidden) parts.field.value = parts.link;
  return () => {
    clearTimeout(parts.timer);
    nodes.delete(parentElement);
  };
}
