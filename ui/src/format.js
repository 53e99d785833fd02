// format.js: small pure helpers the views share: sizes, initials, colours,
// file names, links in text, previews.

import { t } from "./i18n.js";

export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function initials(name) {
  const words = (name || "?").trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] || "?").slice(0, 2)).toUpperCase();
}

/** A hue of one's own, from an id: the same person, the same colour. */
export function hueOf(id) {
  let hue = 0;
  for (const c of id || "") hue = (hue * 31 + c.charCodeAt(0)) % 360;
  return hue;
}

/** A stored file's name without the suffix PocketBase adds. */
export function displayName(stored) {
  return String(stored).replace(/_[a-z0-9]{10}(\.[^.]+)?$/i, "$1");
}

export const isImage = (name) => /\.(png|jpe?g|gif|webp)$/i.test(name);

/**
 * Splits text into {text} and {text, href} parts: links to http(s) only,
 * so that no javascript: or data: link can be made.
 */
export function linkParts(text) {
  const out = [];
  const re = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;
  let last = 0;
  for (const match of text.matchAll(re)) {
    if (match.index > last) out.push({ text: text.slice(last, match.index) });
    let href = "";
    try {
      const u = new URL(match[0]);
      if (u.protocol === "http:" || u.protocol === "https:") href = u.href;
    } catch {
      // not a URL after all
    }
    out.push(href ? { text: match[0], href } : { text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** The start of a message, as an inbox row or a quote shows it. */
export function previewOf(m) {
  if (!m) return "";
  if (m.removed) return t("Removed by a moderator");
  if (m.withheld === "blocked") return t("A message from someone you blocked");
  if (m.withheld === "reported") return t("A message you reported");
  const text = (m.text || "").replace(/\s+/g, " ").trim();
  if (text) return text.length > 120 ? text.slice(0, 119) + "…" : text;
  return (m.attachments || []).length ? t("sent an attachment") : "";
}

/** A PocketBase date for a moment (its UTC form, as the server stores it). */
export function pbDate(ms) {
  return new Date(ms).toISOString().replace("T", " ");
}
