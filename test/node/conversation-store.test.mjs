// The conversation's store (ui/src/conversation-store.js), a plain module:
// messages from a page and the socket's frames, sends with ids chosen here,
// and a draft kept across reloads.

import { test } from "node:test";
import assert from "node:assert/strict";

import { ConversationStore } from "../../ui/src/conversation-store.js";

const msg = (id, created, author = "ann", text = id) => ({ id, created, author, text, conversation: "c" });

function memory() {
  const m = new Map();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => m.set(k, v), removeItem: (k) => m.delete(k), m };
}

function store(extra = {}) {
  let n = 0;
  return new ConversationStore({
    id: "c",
    me: "me",
    page: async () => [msg("m2", "2026-01-02"), msg("m1", "2026-01-01")],
    send: async (body) => ({ ...body, author: "me", created: "2026-01-09" }),
    newId: () => `id${++n}`,
    ...extra,
  });
}

test("a page shows oldest first; frames of the conversation add, edit and remove; others' are ignored", async () => {
  const s = store();
  await s.load();
  s.apply({ type: "message.created", conversation: "c", record: msg("m3", "2026-01-03") });
  s.apply({ type: "message.created", conversation: "c", record: msg("m3", "2026-01-03") }); // again, on a resume
  s.apply({ type: "message.created", conversation: "other", record: msg("x", "2026-01-04") });
  s.apply({ type: "message.updated", conversation: "c", record: { id: "m1", text: "edited" } });
  s.apply({ type: "message.deleted", conversation: "c", record: { id: "m2" } });
  assert.deepEqual(s.state.messages.map((m) => `${m.id}:${m.text}`), ["m1:edited", "m3:m3"]);
  assert.equal(s.newestByOthers.id, "m3");
});

test("a send shows at once, and becomes the message; its own frame adds nothing", async () => {
  const s = store();
  await s.load();
  s.setDraft("  hello  ");
  const sending = s.send();
  assert.deepEqual(s.state.pending.map((p) => p.text), ["hello"]);
  assert.equal(s.state.draft, "");
  await sending;
  assert.deepEqual(s.state.pending, []);
  s.apply({ type: "message.created", conversation: "c", record: { id: "id1", created: "2026-01-09", author: "me", text: "hello" } });
  assert.deepEqual(s.state.messages.map((m) => m.id), ["m1", "m2", "id1"]);
  await s.send(); // nothing to send
  assert.equal(s.state.messages.length, 3);
});

test("a failed send stays with its error; a retry sends the same id once", async () => {
  const ids = [];
  let fail = true;
  const s = store({
    send: async (body) => {
      ids.push(body.id);
      if (fail) throw new Error("Can't reach the server.");
      return { ...body, author: "me", created: "2026-01-09" };
    },
  });
  await s.load();
  s.setDraft("try me");
  await s.send();
  assert.deepEqual(s.state.pending.map((p) => [p.text, p.error]), [["try me", "Can't reach the server."]]);
  fail = false;
  await s.retry(s.state.pending[0].id);
  assert.deepEqual(ids, ["id1", "id1"]);
  assert.deepEqual(s.state.pending, []);
  assert.equal(s.state.messages.at(-1).text, "try me");
});

test("the draft is kept per person and conversation, across a reload", () => {
  const drafts = memory();
  const s = store({ drafts });
  s.setDraft("half a thought");
  assert.equal(store({ drafts }).state.draft, "half a thought");
  assert.equal(new ConversationStore({ id: "other", me: "me", drafts }).state.draft, "");
  s.setDraft("");
  assert.equal(drafts.m.size, 0);
});
