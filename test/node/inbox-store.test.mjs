// The inbox's store (ui/src/inbox-store.js), a plain module: what a page of
// conversations and the socket's frames make of one person's inbox.

import { test } from "node:test";
import assert from "node:assert/strict";

import { InboxStore, titleOf } from "../../ui/src/inbox-store.js";

const conv = (id, at, extra = {}) => ({ id, title: "", lastMessageAt: at, unread: 0, heroes: [], ...extra });

function store(page, more = {}) {
  return new InboxStore({
    me: "me",
    page: async () => page,
    one: async (id) => {
      if (!more[id]) throw new Error("404");
      return more[id];
    },
  });
}

test("a page becomes rows: titles (or the other members), previews, unread", async () => {
  const s = store([
    conv("a", "2026-01-02", { title: "Team", unread: 3, expand: { lastMessage: { text: "hi", expand: { author: { name: "Ann" } } } } }),
    conv("b", "2026-01-01", { heroes: [{ name: "Ben" }, { name: "Cy" }] }),
  ]);
  await s.load();
  assert.deepEqual(
    s.state.rows.map((r) => [r.id, r.title, r.preview, r.author, r.unread]),
    [
      ["a", "Team", "hi", "Ann", 3],
      ["b", "Ben, Cy", "", "", 0],
    ],
  );
  assert.equal(s.unread, 3);
  assert.equal(titleOf({ title: "", heroes: [] }), "Just you");
});

test("a message moves its conversation to the top; others' count as unread, mine clear it", async () => {
  const s = store([conv("a", "2026-01-02"), conv("b", "2026-01-01")]);
  await s.load();
  const seen = [];
  s.subscribe((st) => seen.push(st.rows.map((r) => r.id).join("")));
  s.apply({ type: "message.created", conversation: "b", record: { author: "ann", text: "news", created: "2026-01-03", mentions: ["me"] } });
  assert.deepEqual(s.state.rows.map((r) => [r.id, r.unread, r.mentions, r.preview]), [
    ["b", 1, 1, "news"],
    ["a", 0, 0, ""],
  ]);
  s.apply({ type: "message.created", conversation: "b", record: { author: "me", text: "mine", created: "2026-01-04" } });
  assert.equal(s.state.rows[0].unread, 0);
  assert.deepEqual(seen, ["ab", "ba", "ba"]);
});

test("my read clears a conversation's count, another's doesn't", async () => {
  const s = store([conv("a", "2026-01-02", { unread: 4 })]);
  await s.load();
  s.apply({ type: "read", conversation: "a", user: "ann", lastReadAt: "2026-01-02" });
  assert.equal(s.unread, 4);
  s.apply({ type: "read", conversation: "a", user: "me", lastReadAt: "2026-01-01" });
  assert.equal(s.unread, 4, "a read short of the last message");
  s.apply({ type: "read", conversation: "a", user: "me", lastReadAt: "2026-01-02" });
  assert.equal(s.unread, 0);
});

test("conversations come, are renamed and go", async () => {
  const s = store([conv("a", "2026-01-03"), conv("b", "2026-01-01")], { c: conv("c", "2026-01-02", { title: "New" }) });
  await s.load();
  s.apply({ type: "conversation.created", conversation: "c", record: {} });
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(s.state.rows.map((r) => r.id), ["a", "c", "b"], "in its place by activity");
  s.apply({ type: "conversation.updated", conversation: "c", record: { title: "Renamed" } });
  assert.equal(s.state.rows[1].title, "Renamed");
  s.apply({ type: "conversation.removed", conversation: "a" });
  assert.deepEqual(s.state.rows.map((r) => r.id), ["c", "b"]);
  // a message of one not loaded brings it in; one that can't be read stays out
  s.apply({ type: "message.created", conversation: "zzz", record: { author: "ann", text: "?", created: "2026-02-01" } });
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(s.state.rows.map((r) => r.id), ["c", "b"]);
});

test("a failed load says why", async () => {
  const s = new InboxStore({ me: "me", page: async () => { throw new Error("Something went wrong"); }, one: async () => ({}) });
  await s.load();
  assert.equal(s.state.error, "Something went wrong");
});

test("older conversations come a page at a time, each once", async () => {
  const all = Array.from({ length: 120 }, (_, i) => conv(`c${String(i).padStart(3, "0")}`, `2026-01-01 ${String(1000 - i).padStart(4, "0")}`));
  const asked = [];
  const s = new InboxStore({ me: "me", page: async (n) => (asked.push(n), all.slice((n - 1) * 50, n * 50)), one: async () => ({}) });
  await s.load();
  assert.deepEqual([s.state.rows.length, s.state.hasMore], [50, true]);
  await s.loadMore();
  await s.loadMore();
  assert.deepEqual([s.state.rows.length, s.state.hasMore], [120, false]);
  await s.loadMore(); // nothing more to ask for
  assert.deepEqual(asked, [1, 2, 3]);
  assert.equal(new Set(s.state.rows.map((r) => r.id)).size, 120);
});
