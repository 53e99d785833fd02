// pbchat's realtime as an app developer uses it: chat-client.js (with the
// "ws" package) for the websocket, and the SDK's own subscribe (SSE).

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import PocketBase from "pocketbase";
import WebSocket from "ws";

import { ChatClient, States } from "../../pb_public/chat-client.js";
import { connect as connectTo, useWorld, waitFor } from "./world.mjs";

const world = useWorld();
const people = world.people;
const server = { get url() { return world.server.url; } };
const connect = (person, options) => connectTo(world, person, options);

describe("realtime", () => {
  let conv;
  let carolConv;

  before(async () => {
    conv = await people.Alice.pb.collection("conversations").create({ members: [people.Bob.id] });
    carolConv = await people.Carol.pb.collection("conversations").create({ title: "Carol alone" });
  });

  test("chat-client.js: a member receives, an outsider doesn't", async () => {
    const bob = connect(people.Bob);
    const carol = connect(people.Carol);
    await Promise.all([bob.ready, carol.ready]);
    assert.equal(bob.client.state, States.LIVE);

    await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "over the socket" });
    const got = await waitFor("bob's event", () => bob.frames.find((f) => f.type === "message.created"));
    assert.equal(got.conversation, conv.id);
    assert.equal(got.record.text, "over the socket");
    assert.equal(got.record.expand.author.name, "Alice");
    assert.ok(got.cursor);

    // Carol's first event is from her own conversation, posted after.
    await people.Carol.pb.collection("messages").create({ conversation: carolConv.id, text: "carol's marker" });
    await waitFor("carol's marker", () => carol.frames.some((f) => f.type === "message.created"));
    const carolMessages = carol.frames.filter((f) => f.type === "message.created");
    assert.deepEqual(carolMessages.map((f) => f.record.text), ["carol's marker"]);

    bob.client.close();
    carol.client.close();
  });

  test("chat-client.js: typing reaches the others", async () => {
    const alice = connect(people.Alice);
    const bob = connect(people.Bob);
    await Promise.all([alice.ready, bob.ready]);
    bob.client.typing(conv.id);
    const t = await waitFor("typing", () => alice.frames.find((f) => f.type === "typing"));
    assert.deepEqual({ conversation: t.conversation, user: t.user }, { conversation: conv.id, user: people.Bob.id });
    alice.client.close();
    bob.client.close();
  });

  test("chat-client.js: a read reaches the reader's other devices and, as a receipt, the others", async () => {
    const laptop = connect(people.Bob);
    const phone = connect(people.Bob);
    const alice = connect(people.Alice);
    await Promise.all([laptop.ready, phone.ready, alice.ready]);
    const m = await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "read me" });
    const row = await people.Bob.pb.collection("conversations").getOne(conv.id);
    assert.ok(row.unread >= 1, "Alice's messages are unread for Bob");
    await people.Bob.pb.collection("members").update(row.member.id, { lastReadAt: m.created });
    assert.equal((await people.Bob.pb.collection("conversations").getOne(conv.id)).unread, 0);
    for (const c of [laptop, phone, alice]) {
      const r = await waitFor("the read", () => c.frames.find((f) => f.type === "read"));
      assert.deepEqual(
        { conversation: r.conversation, user: r.user, lastReadAt: r.lastReadAt },
        { conversation: conv.id, user: people.Bob.id, lastReadAt: m.created },
      );
    }
    for (const c of [laptop, phone, alice]) c.client.close();
  });

  test("chat-client.js: someone added gets the conversation, the others a small member event", async () => {
    const alice = connect(people.Alice);
    const carol = connect(people.Carol);
    await Promise.all([alice.ready, carol.ready]);
    const added = await people.Bob.pb.collection("members").create({ conversation: conv.id, user: people.Carol.id });
    const created = await waitFor("carol's conversation", () => carol.frames.find((f) => f.type === "conversation.created"));
    assert.equal(created.record.id, conv.id);
    const told = await waitFor("alice told", () => alice.frames.find((f) => f.type === "member.created"));
    assert.equal(told.record.user, people.Carol.id);
    assert.equal(told.record.expand.user.name, "Carol");
    assert.ok(JSON.stringify(told).length < 1024);

    await people.Alice.pb.collection("members").delete(added.id);
    await waitFor("carol removed", () => carol.frames.find((f) => f.type === "conversation.removed"));
    await waitFor("alice told of it", () => alice.frames.find((f) => f.type === "member.deleted"));
    alice.client.close();
    carol.client.close();
  });

  test("chat-client.js: after a dropped connection it resumes with nothing lost or doubled", async () => {
    const bob = connect(people.Bob);
    await bob.ready;
    await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "resume 0" });
    await waitFor("resume 0", () => bob.frames.some((f) => f.record?.text === "resume 0"));

    bob.client._ws.terminate(); // the network drops
    for (let i = 1; i <= 5; i++) {
      await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: `resume ${i}` });
    }
    await waitFor("the resume", () => bob.frames.filter((f) => f.record?.text?.startsWith("resume ")).length >= 6);
    await waitFor("live again", () => bob.client.state === States.LIVE);
    await new Promise((r) => setTimeout(r, 200));
    const texts = bob.frames.filter((f) => f.type === "message.created").map((f) => f.record.text).filter((t) => t.startsWith("resume "));
    assert.deepEqual(texts, ["resume 0", "resume 1", "resume 2", "resume 3", "resume 4", "resume 5"]);
    bob.client.close();
  });

  test("chat-client.js: a bad token ends in the unauthorized state, not a reconnect loop", async () => {
    const client = new ChatClient({ baseUrl: server.url, token: "not-a-token", WebSocket, minDelay: 50 });
    const closes = [];
    client.on("close", (c) => closes.push(c.code));
    client.connect();
    await waitFor("unauthorized", () => client.state === States.UNAUTHORIZED);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(closes, [4401]);
    client.close();
  });

  test("the SDK's own subscribe (SSE): the rules hold there too", async () => {
    const bobGot = [];
    const carolGot = [];
    await people.Bob.pb.collection("messages").subscribe("*", (e) => bobGot.push(e));
    await people.Carol.pb.collection("messages").subscribe("*", (e) => carolGot.push(e));
    await people.Carol.pb.collection("conversations").subscribe("*", (e) => carolGot.push(e));

    const m = await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "over SSE" });
    // single-record topics of records Carol can't see
    await people.Carol.pb.collection("messages").subscribe(m.id, (e) => carolGot.push(e));
    await people.Carol.pb.collection("conversations").subscribe(conv.id, (e) => carolGot.push(e));
    await people.Alice.pb.collection("messages").update(m.id, { text: "over SSE, edited" });
    await people.Alice.pb.collection("conversations").update(conv.id, { title: "renamed over SSE" });
    const got = await waitFor("bob's SSE event", () => bobGot.find((e) => e.record.id === m.id));
    assert.equal(got.action, "create");
    assert.equal(got.record.text, "over SSE");

    // Carol's own message reaches her subscription: then, all before it has been handled.
    await people.Carol.pb.collection("messages").create({ conversation: carolConv.id, text: "carol over SSE" });
    await waitFor("carol's own SSE event", () => carolGot.some((e) => e.record.text === "carol over SSE"));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(
      carolGot.every((e) => e.record.conversation === carolConv.id || e.record.id === carolConv.id),
      `carol received another conversation's events: ${JSON.stringify(carolGot)}`,
    );

    await people.Bob.pb.collection("messages").unsubscribe();
    await people.Carol.pb.collection("messages").unsubscribe();
    await people.Carol.pb.collection("conversations").unsubscribe();
  });

  test("SSE subscriptions whose filter or expand reach past the allow-list are refused", async () => {
    // a client of its own: the SDK keeps a refused subscription and sends it again with the next
    const probe = new PocketBase(server.url);
    probe.autoCancellation(false);
    probe.authStore.save(people.Carol.pb.authStore.token, people.Carol.pb.authStore.record);
    const cases = [
      ["users", { filter: `members_via_user.conversation.title >= "P"` }, "members_via_user.conversation.title"],
      ["messages", { filter: `conversation.members_via_conversation.user != ""` }, "conversation.members_via_conversation.user"],
      ["conversations", { expand: "members_via_conversation" }, "members_via_conversation"],
    ];
    try {
      for (const [collection, options, named] of cases) {
        await assert.rejects(probe.collection(collection).subscribe("*", () => {}, options), (e) => {
          assert.equal(e.status, 400);
          assert.ok(JSON.stringify(e.response).includes(named), JSON.stringify(e.response));
          return true;
        });
        probe.realtime.subscriptions = {};
      }
    } finally {
      probe.realtime.subscriptions = {};
      probe.realtime.disconnect();
    }
  });
});
