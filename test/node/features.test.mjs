// Replies, reactions, mentions, search and presence, as an app developer
// uses them: the official SDK, and chat-client.js for presence.

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";

import { connect as connectTo, useWorld, waitFor } from "./world.mjs";

const world = useWorld();
const people = world.people;
describe("features", () => {
  let conv;

  before(async () => {
    conv = await people.Alice.pb.collection("conversations").create({ title: "Features", members: [people.Bob.id] });
  });

  test("a reply carries a quote; a reply into another conversation is refused", async () => {
    const first = await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "lunch at noon?" });
    const reply = await people.Bob.pb.collection("messages").create({ conversation: conv.id, text: "yes", replyTo: first.id });
    assert.equal(reply.reply.id, first.id);
    assert.equal(reply.reply.authorName, "Alice");
    assert.equal(reply.reply.text, "lunch at noon?");
    const other = await people.Carol.pb.collection("conversations").create({ title: "Carol's" });
    const hers = await people.Carol.pb.collection("messages").create({ conversation: other.id, text: "mine" });
    await assert.rejects(
      people.Bob.pb.collection("messages").create({ conversation: conv.id, text: "?", replyTo: hers.id }),
      (e) => e.status === 400 && e.response.data.replyTo?.code === "validation_reply_elsewhere",
    );
  });

  test("reactions: counted on each message, mine marked, taken back by their own", async () => {
    const m = await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "react to me" });
    const mine = await people.Bob.pb.collection("reactions").create({ message: m.id, emoji: "🎉" });
    await people.Alice.pb.collection("reactions").create({ message: m.id, emoji: "🎉" });
    const page = await people.Bob.pb.collection("messages").getList(1, 50, { filter: `conversation="${conv.id}"`, sort: "-created" });
    assert.deepEqual(page.items[0].reactions, [{ emoji: "🎉", count: 2, mine: true }]);
    await assert.rejects(people.Alice.pb.collection("reactions").delete(mine.id), (e) => e.status === 404);
    await people.Bob.pb.collection("reactions").delete(mine.id);
    await assert.rejects(people.Carol.pb.collection("reactions").create({ message: m.id, emoji: "👀" }), (e) => e.status === 400);
  });

  test("mentions: members only, counted unread on the mentioned one's records", async () => {
    const m = await people.Alice.pb.collection("messages").create({
      conversation: conv.id,
      text: "@Bob and @Carol",
      mentions: [people.Bob.id, people.Carol.id],
    });
    assert.deepEqual(m.mentions, [people.Bob.id]);
    const row = await people.Bob.pb.collection("conversations").getOne(conv.id);
    assert.equal(row.mentions, 1);
  });

  test("edit history: what a message said before, to members only", async () => {
    const m = await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "meet at 12" });
    await people.Alice.pb.collection("messages").update(m.id, { text: "meet at 1" });
    const h = await people.Bob.pb.send(`/api/chat/messages/${m.id}/versions`, {});
    assert.deepEqual(h.items.map((v) => v.text), ["meet at 12"]);
    assert.equal(h.items[0].expand.author.name, "Alice");
    await assert.rejects(people.Carol.pb.send(`/api/chat/messages/${m.id}/versions`, {}), (e) => e.status === 404);
  });

  test("pins: members pin, the others hear it live; outsiders see none", async () => {
    const m = await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "the address" });
    const bob = connectTo(world, people.Bob);
    await bob.ready;
    await people.Alice.pb.collection("pins").create({ conversation: conv.id, message: m.id });
    const f = await waitFor("pin.created", () => bob.frames.find((x) => x.type === "pin.created"));
    assert.equal(f.record.message, m.id);
    const pins = await people.Bob.pb.collection("pins").getFullList({ filter: `conversation="${conv.id}"`, expand: "message" });
    assert.equal(pins[0].expand.message.text, "the address");
    const outsider = await people.Carol.pb.collection("pins").getList(1, 10, { filter: `conversation="${conv.id}"` });
    assert.equal(outsider.totalItems, 0);
    bob.client.close();
  });

  test("search: the reader's conversations only, with highlights; bad searches are 400s", async () => {
    const found = await people.Bob.pb.send("/api/chat/search", { query: { q: "lunch" } });
    assert.equal(found.totalItems, 1);
    const hit = found.items[0];
    assert.equal(hit.text, "lunch at noon?");
    assert.deepEqual(hit.highlights, [[0, 5]]);
    assert.equal(hit.expand.author.name, "Alice");
    const carols = await people.Carol.pb.send("/api/chat/search", { query: { q: "lunch" } });
    assert.equal(carols.totalItems, 0);
    await assert.rejects(people.Bob.pb.send("/api/chat/search", { query: { q: '"open' } }), (e) => e.status === 400);
  });

  test("presence: a co-member coming online is told, an outsider isn't", async () => {
    const alice = connectTo(world, people.Alice);
    const carol = connectTo(world, people.Carol);
    await Promise.all([alice.ready, carol.ready]);
    const bob = connectTo(world, people.Bob);
    await bob.ready;
    const seen = await waitFor("bob online", () => alice.frames.find((f) => f.type === "presence" && f.user === people.Bob.id));
    assert.equal(seen.online, true);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(carol.frames.filter((f) => f.type === "presence" && f.user === people.Bob.id).length, 0);
    for (const c of [alice, carol, bob]) c.client.close();
  });
});
