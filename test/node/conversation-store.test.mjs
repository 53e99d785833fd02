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
  assert.equal(s.newest.id, "m3");
});

test("a send shows at once, and becomes the message; its own frame adds nothing", async () => {
  const s = store();
  await s.load();
  s.setDraft({ text: "  hello  " });
  const sending = s.send();
  assert.deepEqual(s.state.pending.map((p) => p.text), ["hello"]);
  assert.equal(s.state.draft.text, "");
  await sending;
  assert.deepEqual(s.state.pending, []);
  s.apply({ type: "message.created", conversation: "c", record: { id: "id1", created: "2026-01-09", author: "me", text: "hello" } });
  assert.deepEqual(s.state.messages.map((m) => m.id), ["m1", "m2", "id1"]);
  await s.send(); // nothing to send
  assert.equal(s.state.messages.length, 3);
});

test("a send that can't reach the server waits and goes by itself, once, with the same id", async () => {
  const ids = [];
  let fail = true;
  const s = store({
    send: async (body) => {
      ids.push(body.id);
      if (fail) throw Object.assign(new Error("Failed to fetch"), { status: 0 });
      return { ...body, author: "me", created: "2026-01-09" };
    },
  });
  await s.load();
  s.setDraft({ text: "try me" });
  await s.send();
  assert.deepEqual(s.state.pending.map((p) => [p.text, p.waiting, p.error]), [["try me", true, "Can't reach the server. Check your connection and try again."]]);
  fail = false;
  await s.retryWaiting(); // the connection is back
  assert.deepEqual(ids, ["id1", "id1"]);
  assert.deepEqual(s.state.pending, []);
  assert.equal(s.state.messages.at(-1).text, "try me");
});

test("a send the server refuses says why in words, doesn't wait, and its text can go back to be changed", async () => {
  const s = store({
    send: async () => {
      throw Object.assign(new Error("Failed to create record."), { status: 400, response: { data: { text: { code: "validation_max_text_constraint" } } } });
    },
  });
  s.setDraft({ text: "too long" });
  await s.send();
  const [p] = s.state.pending;
  assert.equal(p.error, "A message is at most 10,000 characters.");
  assert.equal(p.waiting, false);
  assert.equal(p.final, true, "sending it again can only fail the same way");
  await s.retryWaiting();
  assert.equal(s.state.pending.length, 1, "not sent again by itself");
  s.discard(p.id, true);
  assert.deepEqual([s.state.pending.length, s.state.draft.text], [0, "too long"]);
});

test("the draft (text, reply, mentions) is kept per person and conversation, across a reload; files only in memory", () => {
  const drafts = memory();
  const s = store({ drafts });
  s.setDraft({ text: "half a thought @Ann", replyTo: { id: "m1", text: "m1" }, mentions: [["@Ann", "ann"]], files: [{ name: "a.png" }] });
  const again = store({ drafts }).state.draft;
  assert.deepEqual(again, { text: "half a thought @Ann", replyTo: { id: "m1", text: "m1" }, mentions: [["@Ann", "ann"]], files: [] });
  assert.equal(new ConversationStore({ id: "other", me: "me", drafts }).state.draft.text, "");
  s.setDraft({ text: "", replyTo: null });
  assert.equal(drafts.m.size, 0);
});

test("a send mentions only whom its text still names, and replies to what the draft replied to", async () => {
  const sent = [];
  const s = store({ send: async (body) => (sent.push(body), { ...body, author: "me", created: "2026-01-09" }) });
  s.setDraft({ text: "@Ann look", replyTo: { id: "m1" }, mentions: [["@Ann", "ann"], ["@Ben", "ben"]] });
  await s.send();
  assert.deepEqual([sent[0].mentions, sent[0].replyTo], [["ann"], "m1"]);
});

test("the unread divider falls before the first message by others after the read state; older pages reach it", async () => {
  const pad = (i) => String(i).padStart(2, "0");
  const newest = Array.from({ length: 50 }, (_, i) => msg(`n${pad(i)}`, `2026-01-04 ${pad(i)}`, "me")).reverse();
  const older = [msg("m3", "2026-01-03", "ann"), msg("m2", "2026-01-02", "ann")];
  const s = store({ page: async (before) => (before ? older : newest) });
  await s.load();
  s.enter("2026-01-02 12:00");
  assert.equal(s.firstUnread, null, "not loaded yet");
  assert.equal(s.state.hasOlder, true);
  await s.reachUnread();
  assert.equal(s.firstUnread.id, "m3");
  assert.equal(s.state.hasOlder, false);
  assert.equal(s.state.messages.length, 52);
});

test("reactions count per emoji, mine marked; receipts say who has read; typing shows and ends with their message", async () => {
  const s = store({
    members: async () => ({ items: [{ user: "me" }, { user: "ann", lastReadAt: "" }, { user: "ben", lastReadAt: "" }], totalItems: 3 }),
  });
  await s.load();
  s.apply({ type: "reaction.created", conversation: "c", record: { message: "m1", emoji: "👍", user: "ann" } });
  s.apply({ type: "reaction.created", conversation: "c", record: { message: "m1", emoji: "👍", user: "me" } });
  s.apply({ type: "reaction.created", conversation: "c", record: { message: "m1", emoji: "🎉", user: "ben" } });
  s.apply({ type: "reaction.deleted", conversation: "c", record: { message: "m1", emoji: "🎉", user: "ben" } });
  assert.deepEqual(s.state.messages[0].reactions, [{ emoji: "👍", count: 2, mine: true }]);
  s.apply({ type: "read", conversation: "c", user: "ann", lastReadAt: "2026-01-02" });
  assert.deepEqual(s.readersOf(s.state.messages[1]), ["ann"]);
  s.apply({ type: "typing", conversation: "c", user: "ben" });
  assert.deepEqual(s.state.typing, ["ben"]);
  s.apply({ type: "message.created", conversation: "c", record: msg("m9", "2026-01-09", "ben") });
  assert.deepEqual(s.state.typing, []);
  s.apply({ type: "member.created", conversation: "c", record: { user: "cy", created: "2026-01-10", expand: { user: { name: "Cy" } } } });
  assert.deepEqual([s.state.memberCount, s.state.notes.at(-1).note], [4, "Cy joined"]);
});

test("messages kept on the device show until the server's come; one deleted meanwhile goes, one arriving live stays", async () => {
  let answer;
  const s = store({ page: () => new Promise((r) => (answer = r)) });
  s.restore([msg("m1", "2026-01-01"), msg("gone", "2026-01-02")]);
  assert.deepEqual(s.state.messages.map((m) => m.id), ["m1", "gone"]);
  const loading = s.load();
  s.apply({ type: "message.created", conversation: "c", record: msg("live", "2026-01-05") });
  answer([msg("m2", "2026-01-03"), msg("m1", "2026-01-01")]);
  await loading;
  assert.deepEqual(s.state.messages.map((m) => m.id), ["m1", "m2", "live"]);
  s.restore([msg("old", "2025-01-01")]);
  assert.equal(s.state.messages.length, 3, "nothing kept replaces what the server gave");
});
