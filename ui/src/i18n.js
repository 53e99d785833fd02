// i18n.js: every string a person reads, by the browser's language. The
// English text is the key; a catalogue per language (i18n/*.js) gives its
// translation, and a missing one falls back to English. Dates, times,
// and lists go through Intl, in the same language.

import de from "./i18n/de.js";

export const catalogues = { de };

let lang = pick(globalThis.navigator?.languages || [globalThis.navigator?.language || "en"]);

/** The first of the wanted languages there is a catalogue for, or English. */
export function pick(wanted) {
  for (const w of wanted) {
    const base = String(w).toLowerCase().split("-")[0];
    if (base === "en" || catalogues[base]) return base;
  }
  return "en";
}

/** The language strings are shown in now. */
export function language() {
  return lang;
}

/** Shows strings in lang from now on (tests, and a host that knows better). */
export function setLanguage(l) {
  lang = pick([l]);
}

/** The string s in the current language, with {name}s filled from vars. */
export function t(s, vars) {
  const out = (lang !== "en" && catalogues[lang]?.[s]) || s;
  return vars ? out.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : out;
}

// Intl's formatters are slow to make and quick to use: one of each kind
// per language, made on first use (a timeline formats every message).
const made = new Map();
function fmt(kind, options) {
  const key = `${lang}|${kind}|${JSON.stringify(options)}`;
  let f = made.get(key);
  if (!f) made.set(key, (f = new Intl[kind](lang, options)));
  return f;
}

/** "Ann, Ben and Cy", as the language joins a list. */
export function list(items) {
  return fmt("ListFormat", { style: "long", type: "conjunction" }).format(items);
}

/** The time of a PocketBase date ("2026-01-02 10:00:00.000Z"). */
export function dateOf(created) {
  return new Date(String(created || "").replace(" ", "T"));
}

export function clock(created) {
  const d = dateOf(created);
  return Number.isNaN(d.getTime()) ? "" : fmt("DateTimeFormat", { hour: "2-digit", minute: "2-digit" }).format(d);
}

/** A time as a chat list shows it: the time today, the weekday this week, else the date. */
export function when(created, now = new Date()) {
  const d = dateOf(created);
  if (Number.isNaN(d.getTime())) return "";
  if (d.toDateString() === now.toDateString()) return clock(created);
  if (now - d < 6 * 86_400_000) return fmt("DateTimeFormat", { weekday: "short" }).format(d);
  return fmt("DateTimeFormat", d.getFullYear() === now.getFullYear() ? { day: "numeric", month: "short" } : { day: "numeric", month: "short", year: "numeric" }).format(d);
}

/** The time and, if not today, the date. */
export function stamp(created, now = new Date()) {
  const d = dateOf(created);
  if (Number.isNaN(d.getTime())) return "";
  if (d.toDateString() === now.toDateString()) return clock(created);
  return fmt("DateTimeFormat", { dateStyle: "medium", timeStyle: "short" }).format(d);
}

/** Today, Yesterday, or the full date: a day separator's words. */
export function day(created, now = new Date()) {
  const d = dateOf(created);
  const yesterday = new Date(now.getTime() - 86_400_000);
  if (d.toDateString() === now.toDateString()) return t("Today");
  if (d.toDateString() === yesterday.toDateString()) return t("Yesterday");
  return fmt("DateTimeFormat", { weekday: "long", year: "numeric", month: "long", day: "numeric" }).format(d);
}

/** "in 1 hour", "until 14:00": how long until a PocketBase date. */
export function until(date) {
  return t("until {time}", { time: stamp(date) });
}
