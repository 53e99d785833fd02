// dom.js: building the page. Every piece of text from the server goes into
// it as text (textContent), never as HTML.

export const $ = (id) => document.getElementById(id);

// el builds an element; strings become text nodes, never markup.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

// fill replaces node's children with the given ones, leaving out null,
// undefined and false (which replaceChildren would write as "null").
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

export function showError(target, err) {
  $(target).textContent = err ? err.message || String(err) : "";
}

export function formatTime(created) {
  const d = new Date(created.replace(" ", "T"));
  const time = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return d.toDateString() === new Date().toDateString() ? time : `${d.toLocaleDateString()} ${time}`;
}

export function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

// formatDay names the day of a date: Today, Yesterday, or the date.
export function formatDay(created) {
  const d = new Date(created.replace(" ", "T"));
  const today = new Date();
  const yesterday = new Date(today.getTime() - 86_400_000);
  if (d.toDateString() === today.toDateString()) return "Today";
  if (d.toDateString() === yesterday.toDateString()) return "Yesterday";
  return d.toLocaleDateString([], { weekday: "long", year: "numeric", month: "long", day: "numeric" });
}

// initials of a name, for an avatar without a picture.
export function initials(name) {
  const words = (name || "?").trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] || "?").slice(0, 2)).toUpperCase();
}

// avatar is a user's picture, or their initials on a colour of their own.
export function avatar(user, size = "small") {
  if (user?.avatar && user.collectionId) {
    const src = `/api/files/${encodeURIComponent(user.collectionId)}/${encodeURIComponent(user.id)}/${encodeURIComponent(user.avatar)}?thumb=100x100`;
    return el("img", { class: `avatar ${size}`, src, alt: "" });
  }
  let hue = 0;
  for (const c of user?.id || "") hue = (hue * 31 + c.charCodeAt(0)) % 360;
  return el("span", { class: `avatar ${size}`, style: `--hue: ${hue}`, "aria-hidden": "true", text: initials(user?.name) });
}

// formatSize says a file size in words.
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
