// The catalogue (ui/src/i18n.js): every string the elements show, in every
// language there is a catalogue for, with the same placeholders; and the
// language is the browser's.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

import { catalogues, pick, setLanguage, t, list } from "../../ui/src/i18n.js";

const src = new URL("../../ui/src/", import.meta.url);

// the keys the code uses: t("…") literals, the error words, the connection's states
function used() {
  const keys = new Set();
  for (const f of readdirSync(src).filter((f) => f.endsWith(".js"))) {
    const code = readFileSync(new URL(f, src), "utf8");
    for (const m of code.matchAll(/\bt\("((?:[^"\\]|\\.)*)"/g)) keys.add(JSON.parse(`"${m[1]}"`));
    for (const m of code.matchAll(/"[a-zA-Z]+:validation_[a-z_]+": "((?:[^"\\]|\\.)*)"/g)) keys.add(JSON.parse(`"${m[1]}"`));
    for (const m of code.matchAll(/\[States\.[A-Z]+\]: "((?:[^"\\]|\\.)*)"/g)) keys.add(JSON.parse(`"${m[1]}"`));
    // a t() of anything but a literal, or of the two tables scanned above, would escape this check
    if (f === "i18n.js") continue;
    for (const m of code.matchAll(/\bt\((?!"|words\[|stateWords\[)(.{0,20})/g)) assert.fail(`${f}: t(${m[1]}…) is not a literal: the catalogue test can't see it`);
  }
  return keys;
}

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test("every string the code shows is in every catalogue, with its placeholders, and nothing else is", () => {
  const keys = used();
  assert.ok(keys.size > 150, `only ${keys.size} strings found: the scan is broken`);
  for (const [lang, cat] of Object.entries(catalogues)) {
    const missing = [...keys].filter((k) => !(k in cat));
    assert.deepEqual(missing, [], `${lang} lacks these`);
    const extra = Object.keys(cat).filter((k) => !keys.has(k));
    assert.deepEqual(extra, [], `${lang} has strings nothing uses`);
    for (const k of keys) assert.deepEqual(placeholders(cat[k]), placeholders(k), `${lang}: ${k}`);
  }
});

test("the language is the first of the browser's there is a catalogue for, else English; Intl words the lists", () => {
  assert.equal(pick(["fr-FR", "de-AT", "en"]), "de");
  assert.equal(pick(["fr"]), "en");
  assert.equal(pick(["en-GB", "de"]), "en");
  setLanguage("de");
  assert.equal(t("{n} unread", { n: 3 }), "3 ungelesen");
  assert.equal(t("Seen by {names}", { names: list(["Ann", "Ben", "Cy"]) }), "Gesehen von Ann, Ben und Cy");
  setLanguage("en");
  assert.equal(t("Seen by {names}", { names: list(["Ann", "Ben", "Cy"]) }), "Seen by Ann, Ben, and Cy");
});
