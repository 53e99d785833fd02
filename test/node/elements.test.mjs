// The elements' plain parts: their modules import each other without a
// cycle (state flows one way: stores, then the session, then views), and
// the words they choose.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

import { seenBy } from "../../ui/src/message-view.js";
import { prefixed } from "../../ui/src/pbchat-search.js";
import { describe } from "../../ui/src/errors.js";
import { setLanguage } from "../../ui/src/i18n.js";

const src = new URL("../../ui/src/", import.meta.url);

test("no module of ui/src imports itself through others", () => {
  const imports = new Map();
  for (const f of readdirSync(src).filter((f) => f.endsWith(".js"))) {
    const code = readFileSync(new URL(f, src), "utf8");
    imports.set(f, [...code.matchAll(/(?:import|export)[^"']*from\s+["']\.\/([^"']+)["']|import\s+["']\.\/([^"']+)["']/g)].map((m) => m[1] || m[2]).filter((x) => !x.includes("/")));
  }
  const state = new Map(); // f → "visiting" | "done"
  const visit = (f, path) => {
    if (state.get(f) === "done") return;
    assert.notEqual(state.get(f), "visiting", `an import cycle: ${[...path, f].join(" → ")}`);
    state.set(f, "visiting");
    for (const g of imports.get(f) || []) visit(g, [...path, f]);
    state.set(f, "done");
  };
  for (const f of imports.keys()) visit(f, []);
  assert.ok(imports.get("pbchat-app.js").length > 5, "the scan found the app's imports");
});

test("who has seen my message, in words", () => {
  setLanguage("en");
  assert.equal(seenBy([], 5), "");
  assert.equal(seenBy(["Ann"], 2), "Seen");
  assert.equal(seenBy(["Ann", "Ben"], 6), "Seen by Ann and Ben");
  assert.equal(seenBy(["Ann", "Ben", "Cy", "Dee"], 6), "Seen by Ann, Ben, Cy, and 1 other");
  assert.equal(seenBy(["Ann", "Ben", "Cy", "Dee", "Eve"], 6), "Seen by Ann, Ben, Cy, and 2 others");
  setLanguage("de");
  assert.equal(seenBy(["Ann", "Ben", "Cy", "Dee", "Eve"], 6), "Gesehen von Ann, Ben, Cy und 2 weiteren");
  setLanguage("en");
});

test("what a person types searches words as prefixes, phrases as they are", () => {
  assert.equal(prefixed("dep pla"), "dep* pla*");
  assert.equal(prefixed('"the plan" dep*'), '"the plan" dep*');
  assert.equal(prefixed("café"), "café*");
});

test("every error in words: a code of ours in ours, an app hook's in its own, a lost request as such", () => {
  setLanguage("en");
  assert.equal(describe({ status: 0 }), "Can't reach the server. Check your connection and try again.");
  assert.equal(describe({ status: 400, response: { data: { text: { code: "validation_blocked_words", message: "no" } } } }), "The message has a word this server doesn't allow: change it and send again.");
  assert.equal(describe({ status: 400, response: { data: { text: { code: "my_hook_rule", message: "Say please." } } } }), "Say please.");
  assert.equal(describe({ status: 400, response: { message: "Failed to authenticate." } }), "Wrong email or password.");
  assert.equal(describe({ status: 429 }), "That was too many at once. Wait a moment and try again.");
});
