// Safety among strangers through the official SDK and chat-client.js:
// consent to be added (invitations accepted or declined), blocking (the
// blocked person's messages withheld from the blocker, shown on request;
// never told), as an app of one's own would use them.

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";

import { connect, useWorld, waitFor } from "./world.mjs";
import { SafetyStore } from "../../ui/src/safety-store.js";

const world = useWorld();
const people = world.people;

describe("safety", () => {
  let alice, bob, carol;
  before(() => {
    ({ Alice: alice, Bob: bob, Carol: carol } = people);
  });

  test("a stranger invites; the invitee sees the invitation live, accepts, and reads", async () => {
    await bob.pb.collection("users").update(bob.id, { whoCanAdd: "" }); // the default: people he shares one with
    const live = connect(world, bob);
    await live.ready;
    const conv = await alice.pb.collection("conversations").create({ title: "Trip", members: [bob.id] });
    await alice.pb.collection("messages").create({ conversation: conv.id, text: "itinerary" });
    const frame = await waitFor("the invitation frame", () => live.frames.find((f) => f.type === "invitation.created"));
    assert.equal(frame.record.title, "Trip");
    assert.equal(frame.record.members, 1);
    assert.equal(frame.record.expand.inviter.name, "Alice");
    assert.equal(frame.record.hidden, undefined);
    await assert.rejects(bob.pb.collection("conversations").getOne(conv.id), (e) => e.status === 404);
    await assert.rejects(
      bob.pb.collection("members").create({ conversation: conv.id, user: bob.id }),
      (e) => e.status === 400 || e.status === 403,
    );
    const mine = await bob.pb.collection("invitations").getFullList({ filter: `invitee="${bob.id}"`, expand: "inviter", batch: 100 });
    assert.equal(mine.length, 1);
    const accepted = await bob.pb.send(`/api/chat/invitations/${mine[0].id}/accept`, { method: "POST" });
    assert.equal(accepted.id, conv.id);
    const page = await bob.pb.collection("messages").getList(1, 10, { filter: `conversation="${conv.id}"` });
    assert.equal(page.items[0].text, "itinerary");
    await waitFor("conversation.created", () => live.frames.find((f) => f.type === "conversation.created" && f.conversation === conv.id));
    await waitFor("invitation.deleted", () => live.frames.find((f) => f.type === "invitation.deleted"));
    live.client.close();
  });

  test("adding someone who doesn't accept it is a 403 that says to invite; the invitation is declined", async () => {
    const conv = await carol.pb.collection("conversations").create({ title: "Carol's" });
    await assert.rejects(carol.pb.collection("members").create({ conversation: conv.id, user: bob.id }), (e) => e.status === 403 && /invite them instead/.test(e.message));
    const inv = await carol.pb.collection("invitations").create({ conversation: conv.id, invitee: bob.id });
    await assert.rejects(carol.pb.collection("invitations").create({ conversation: conv.id, invitee: bob.id }), (e) => e.response.data.invitee?.code === "validation_already_invited");
    await bob.pb.send(`/api/chat/invitations/${inv.id}/decline`, { method: "POST", body: {} });
    assert.equal((await carol.pb.collection("members").getList(1, 10, { filter: `conversation="${conv.id}"` })).totalItems, 1);
  });

  test("a block: withheld for the blocker, shown on request, the blocked never told", async () => {
    const conv = await alice.pb.collection("conversations").create({ title: "Three", members: [carol.id] });
    const block = await carol.pb.collection("blocks").create({ blocker: carol.id, blocked: alice.id });
    const m = await alice.pb.collection("messages").create({ conversation: conv.id, text: "from alice" });
    const seen = await carol.pb.collection("messages").getOne(m.id);
    assert.equal(seen.withheld, "blocked");
    assert.equal(seen.text, undefined);
    const whole = await carol.pb.collection("messages").getOne(m.id, { query: { show: "withheld" } });
    assert.equal(whole.text, "from alice");
    assert.equal((await alice.pb.collection("blocks").getList(1, 10)).totalItems, 0);
    await assert.rejects(alice.pb.collection("blocks").getOne(block.id), (e) => e.status === 404);
    const found = await carol.pb.send("/api/chat/search", { query: { q: "alice" } });
    assert.equal(found.totalItems, 0);
    await carol.pb.collection("blocks").delete(block.id);
    assert.equal((await carol.pb.collection("messages").getOne(m.id)).text, "from alice");
  });

  test("an invite link: made by an owner, previewed and joined by someone else, refused in words once revoked", async () => {
    const conv = await carol.pb.collection("conversations").create({ title: "By link" });
    const link = await carol.pb.collection("inviteLinks").create({ conversation: conv.id, maxUses: 1 });
    assert.ok(link.token.length >= 43);
    const preview = await bob.pb.send(`/api/chat/join/${link.token}`, {});
    assert.equal(preview.title, "By link");
    assert.equal(preview.member, false);
    const joined = await bob.pb.send(`/api/chat/join/${link.token}`, { method: "POST" });
    assert.equal(joined.id, conv.id);
    await assert.rejects(alice.pb.send(`/api/chat/join/${link.token}`, { method: "POST" }), (e) => e.status === 410 && e.response.data.token?.code === "validation_link_used_up");
    await assert.rejects(alice.pb.send(`/api/chat/join/${"x".repeat(43)}`, { method: "POST" }), (e) => e.status === 404 && e.response.data.token?.code === "validation_link_unknown");
    await assert.rejects(bob.pb.collection("inviteLinks").getOne(link.id), (e) => e.status === 404);
    await carol.pb.collection("inviteLinks").delete(link.id);
  });

  test("a report: hidden for its reporter, live too; nobody but superusers reads it", async () => {
    const conv = await alice.pb.collection("conversations").create({ title: "Reported", members: [carol.id] });
    const m = await alice.pb.collection("messages").create({ conversation: conv.id, text: "rude words" });
    const live = connect(world, carol);
    await live.ready;
    await carol.pb.collection("reports").create({ message: m.id, reason: "harassment" });
    await waitFor("report.created", () => live.frames.find((f) => f.type === "report.created" && f.record.message === m.id));
    const seen = await carol.pb.collection("messages").getOne(m.id);
    assert.equal(seen.withheld, "reported");
    assert.equal(seen.text, undefined);
    await alice.pb.collection("messages").update(m.id, { text: "ruder words" });
    const edit = await waitFor("the edit", () => live.frames.find((f) => f.type === "message.updated" && f.record.id === m.id));
    assert.equal(edit.record.withheld, "reported");
    assert.equal(edit.record.text, undefined);
    assert.equal((await alice.pb.collection("messages").getOne(m.id)).text, "ruder words");
    for (const p of [alice, carol]) await assert.rejects(p.pb.collection("reports").getList(1, 10), (e) => e.status === 403);
    live.client.close();
  });

  test("the web app's store of blocks and invitations follows the frames", async () => {
    const calls = [];
    const store = new SafetyStore({
      blocks: async () => [{ id: "b1", blocked: "u2" }],
      invitations: async () => [{ id: "i1", inviter: "u3" }],
      block: async (user) => (calls.push(["block", user]), { id: "b2", blocked: user }),
      unblock: async (id) => calls.push(["unblock", id]),
      accept: async (id) => (calls.push(["accept", id]), { id: "c1" }),
      decline: async (id, block) => calls.push(["decline", id, block]),
    });
    await store.load();
    assert.equal(store.state.blocks, null); // not asked for: not loaded
    assert.equal(store.blocks("u2"), false);
    store.apply({ type: "block.created", record: { id: "b9", blocked: "u9" } }); // nothing to keep it in yet
    store.wantBlocks();
    await waitFor("the blocks", () => store.state.blocks);
    assert.ok(store.blocks("u2"));
    assert.equal(store.blocks("u9"), false);
    store.apply({ type: "invitation.created", record: { id: "i2" } });
    assert.deepEqual(store.state.invitations.map((i) => i.id), ["i2", "i1"]);
    store.apply({ type: "invitation.deleted", record: { id: "i1" } });
    await store.block("u4");
    await store.block("u4"); // once
    await store.unblock("u2");
    assert.deepEqual(store.state.blocks.map((b) => b.blocked), ["u4"]);
    assert.equal((await store.accept("i2")).id, "c1");
    assert.deepEqual(store.state.invitations, []);
    assert.deepEqual(calls, [["block", "u4"], ["unblock", "b1"], ["accept", "i2"]]);
  });
});
