// pbchat used as an app developer would: the official PocketBase JS SDK for
// REST and SSE, and chat-client.js (with the "ws" package) for the websocket.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import PocketBase, { ClientResponseError } from "pocketbase";
import WebSocket from "ws";
import { EventSource } from "eventsource";

import { ChatClient, States, newId } from "../../pb_public/chat-client.js";
import { startServer } from "./server.mjs";

// The SDK's realtime uses the browser's EventSource; Node 20 has none.
globalThis.EventSource = EventSource;

const PASSWORD = "password-1234";

let server;
const people = {}; // name → {pb, id}

/** waitFor resolves when cond() is truthy, polling; it fails after ms. */
async function waitFor(what, cond, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function signUp(name) {
  const pb = new PocketBase(server.url);
  pb.autoCancellation(false);
  const email = `${name.toLowerCase()}@example.com`;
  await pb.collection("users").create({ name, email, password: PASSWORD, passwordConfirm: PASSWORD });
  const auth = await pb.collection("users").authWithPassword(email, PASSWORD);
  people[name] = { pb, id: auth.record.id };
  return people[name];
}

/** A chat client of the given person, collecting every frame. */
function connect(person, options = {}) {
  const client = new ChatClient({ baseUrl: server.url, authStore: person.pb.authStore, WebSocket, minDelay: 50, ...options });
  const frames = [];
  client.on("*", (f) => frames.push(f));
  const ready = new Promise((ok) => client.on("ready", ok));
  client.connect();
  return { client, frames, ready };
}

before(async () => {
  server = await startServer();
  for (const name of ["Alice", "Bob", "Carol"]) await signUp(name);
});

after(async () => {
  for (const p of Object.values(people)) p.pb.realtime.unsubscribe();
  await server?.stop();
});

describe("REST through the SDK", () => {
  let conv;

  test("sign in again with the saved credentials, refresh the token", async () => {
    const pb = new PocketBase(server.url);
    const auth = await pb.collection("users").authWithPassword("alice@example.com", PASSWORD);
    assert.equal(auth.record.name, "Alice");
    const refreshed = await pb.collection("users").authRefresh();
    assert.equal(refreshed.record.id, people.Alice.id);
  });

  test("a wrong password is refused", async () => {
    const pb = new PocketBase(server.url);
    await assert.rejects(pb.collection("users").authWithPassword("alice@example.com", "wrong-password"), (e) => e.status === 400);
  });

  test("create a conversation with people in one request: the creator is its owner", async () => {
    conv = await people.Alice.pb.collection("conversations").create({ title: "Plans", members: [people.Bob.id] });
    assert.equal(conv.createdBy, people.Alice.id);
    assert.equal(conv.member.role, "owner");
    const members = await people.Bob.pb.collection("members").getFullList({ filter: `conversation="${conv.id}"`, expand: "user" });
    assert.deepEqual(
      new Map(members.map((m) => [m.expand.user.name, m.role])),
      new Map([["Alice", "owner"], ["Bob", "member"]]),
    );
    assert.equal(members.find((m) => m.user === people.Alice.id).expand.user.email, undefined, "a hidden email reached Bob");
  });

  test("an unknown member id saves nothing", async () => {
    const before = await people.Alice.pb.collection("conversations").getList(1, 1);
    await assert.rejects(
      people.Alice.pb.collection("conversations").create({ title: "Nope", members: [people.Bob.id, "nobody000000000"] }),
      (e) => e.status === 400 && e.response.data.members?.code === "validation_missing_rel_records",
    );
    const after = await people.Alice.pb.collection("conversations").getList(1, 1);
    assert.equal(after.totalItems, before.totalItems);
  });

  test("members list it; an outsider doesn't see it, nor its members", async () => {
    const bobs = await people.Bob.pb.collection("conversations").getFullList({ sort: "-lastMessageAt" });
    assert.deepEqual(bobs.map((c) => c.id), [conv.id]);
    const carols = await people.Carol.pb.collection("conversations").getFullList();
    assert.equal(carols.length, 0);
    await assert.rejects(people.Carol.pb.collection("conversations").getOne(conv.id), (e) => e.status === 404);
    const theirs = await people.Carol.pb.collection("members").getList(1, 10, { filter: `conversation="${conv.id}"` });
    assert.equal(theirs.totalItems, 0);
  });

  test("post, then page through messages", async () => {
    for (let i = 0; i < 60; i++) {
      const who = i % 2 ? people.Bob : people.Alice;
      await who.pb.collection("messages").create({ conversation: conv.id, text: `message ${i}` });
    }
    const page1 = await people.Bob.pb.collection("messages").getList(1, 50, {
      filter: people.Bob.pb.filter("conversation = {:c}", { c: conv.id }),
      sort: "-created,-id",
      expand: "author",
    });
    assert.equal(page1.totalItems, 60);
    assert.equal(page1.items.length, 50);
    assert.equal(page1.items[0].text, "message 59");
    assert.equal(page1.items[0].expand.author.name, "Bob");
    const byAlice = page1.items.find((m) => m.author === people.Alice.id);
    assert.equal(byAlice.expand.author.name, "Alice");
    assert.equal(byAlice.expand.author.email, undefined, "Alice's hidden email reached Bob");
    const page2 = await people.Bob.pb.collection("messages").getList(2, 50, {
      filter: people.Bob.pb.filter("conversation = {:c}", { c: conv.id }),
      sort: "-created,-id",
    });
    assert.equal(page2.items.length, 10);
    assert.equal(page2.items.at(-1).text, "message 0");

    const fresh = await people.Alice.pb.collection("conversations").getOne(conv.id);
    assert.ok(fresh.lastMessageAt >= page1.items[0].created, "lastMessageAt is behind the latest message");
    assert.equal(fresh.lastMessage, page1.items[0].id);
  });

  test("the inbox in one request, with unread counts the server keeps", async () => {
    const inbox = () =>
      people.Bob.pb.collection("conversations").getList(1, 50, { sort: "-lastMessageAt", expand: "lastMessage.author" });
    let page = await inbox();
    const row = page.items.find((c) => c.id === conv.id);
    assert.equal(row.expand.lastMessage.text, "message 59");
    assert.equal(row.expand.lastMessage.expand.author.name, "Bob");
    assert.equal(row.unread, 0, "Bob's last post read the conversation up to it");
    assert.deepEqual(row.heroes, []);

    await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "unread 1" });
    const last = await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "unread 2" });
    page = await inbox();
    assert.equal(page.items.find((c) => c.id === conv.id).unread, 2);

    const mine = await people.Bob.pb.collection("members").update(row.member.id, { lastReadAt: last.created });
    assert.equal(mine.unread, 0);
    assert.equal(mine.lastReadAt, last.created);
    await assert.rejects(
      people.Alice.pb.collection("members").update(row.member.id, { lastReadAt: "2020-01-01 00:00:00.000Z" }),
      (e) => e.status === 403,
    );
  });

  test("add someone, who sees it; remove them (the owner); the last member can't leave", async () => {
    const added = await people.Bob.pb.collection("members").create({ conversation: conv.id, user: people.Carol.id });
    assert.equal(added.role, "member");
    await people.Carol.pb.collection("conversations").getOne(conv.id);
    await assert.rejects(people.Bob.pb.collection("members").delete(added.id), (e) => e.status === 403);
    await people.Alice.pb.collection("members").delete(added.id);
    await assert.rejects(people.Carol.pb.collection("conversations").getOne(conv.id), (e) => e.status === 404);

    const alone = await people.Carol.pb.collection("conversations").create({ title: "notes" });
    await assert.rejects(
      people.Carol.pb.collection("members").delete(alone.member.id),
      (e) => e.status === 400 && e.response.data.conversation?.code === "validation_last_member",
    );
    await people.Carol.pb.collection("conversations").delete(alone.id);
  });

  test("edit and delete your own message, not another's", async () => {
    const m = await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "typo" });
    const edited = await people.Alice.pb.collection("messages").update(m.id, { text: "fixed" });
    assert.equal(edited.text, "fixed");
    await assert.rejects(people.Bob.pb.collection("messages").update(m.id, { text: "mine now" }), (e) => e.status === 404);
    await assert.rejects(people.Bob.pb.collection("messages").delete(m.id), (e) => e.status === 404);
    await people.Alice.pb.collection("messages").delete(m.id);
    await assert.rejects(people.Alice.pb.collection("messages").getOne(m.id), (e) => e.status === 404);
  });

  test("a forged author is refused with a field error, and nothing is saved", async () => {
    const before = await people.Bob.pb.collection("messages").getList(1, 1, { filter: `conversation="${conv.id}"` });
    await assert.rejects(
      people.Bob.pb.collection("messages").create({ conversation: conv.id, text: "as alice", author: people.Alice.id }),
      (e) => e instanceof ClientResponseError && e.status === 400 && e.response.data.author?.code === "validation_server_set",
    );
    const afterList = await people.Bob.pb.collection("messages").getList(1, 1, { filter: `conversation="${conv.id}"` });
    assert.equal(afterList.totalItems, before.totalItems);
  });

  test("a retried send with the same id is stored once", async () => {
    const id = newId();
    const a = await people.Bob.pb.collection("messages").create({ id, conversation: conv.id, text: "once" });
    const b = await people.Bob.pb.collection("messages").create({ id, conversation: conv.id, text: "once" });
    assert.deepEqual(b, a);
    const found = await people.Bob.pb.collection("messages").getList(1, 10, { filter: `conversation="${conv.id}" && text="once"` });
    assert.equal(found.totalItems, 1);
    await assert.rejects(
      people.Alice.pb.collection("messages").create({ id, conversation: conv.id, text: "mine" }),
      (e) => e.status === 400 && e.response.data.id?.code === "validation_id_taken" && !JSON.stringify(e.response).includes("once"),
    );
  });
});

describe("what clients may filter, sort and expand on", () => {
  test("the reported oracles are refused with the path named", async () => {
    const carol = people.Carol.pb;
    for (const [call, named] of [
      [() => carol.collection("users").getList(1, 10, { filter: `id="${people.Alice.id}" && members_via_user.conversation.title >= "P"` }), "members_via_user.conversation.title"],
      [() => carol.collection("users").getList(1, 10, { sort: "email" }), "email"],
      [() => carol.collection("messages").getList(1, 10, { expand: "conversation.members_via_conversation" }), "conversation.members_via_conversation"],
      [() => carol.collection("members").getList(1, 10, { sort: "user.email" }), "user.email"],
    ]) {
      await assert.rejects(call(), (e) => e instanceof ClientResponseError && e.status === 400 && JSON.stringify(e.response).includes(named));
    }
  });

  test("a list of messages must name its conversation", async () => {
    await assert.rejects(
      people.Bob.pb.collection("messages").getList(1, 10),
      (e) => e.status === 400 && e.response.data.filter?.code === "validation_list_unbounded",
    );
  });

  test("getFullList pages on past the cap of 100 a page", async () => {
    const conv = await people.Bob.pb.collection("conversations").create({ members: [people.Carol.id] });
    await Promise.all(
      Array.from({ length: 130 }, (_, i) => people.Bob.pb.collection("messages").create({ conversation: conv.id, text: `page ${i}` })),
    );
    const page = await people.Bob.pb.collection("messages").getList(1, 500, { filter: `conversation="${conv.id}"` });
    assert.equal(page.perPage, 100);
    assert.equal(page.items.length, 100);
    const all = await people.Bob.pb.collection("messages").getFullList({ filter: `conversation="${conv.id}"`, sort: "created" });
    assert.equal(all.length, 130);
  });
});

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
