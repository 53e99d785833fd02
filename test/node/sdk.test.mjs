// pbchat used as an app developer would: the official PocketBase JS SDK for
// REST, against a real server. realtime.test.mjs covers the websocket and SSE.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import PocketBase, { ClientResponseError } from "pocketbase";

import { newId } from "../../pb_public/chat-client.js";
import { PASSWORD, useWorld } from "./world.mjs";

const world = useWorld();
const people = world.people;
const server = { get url() { return world.server.url; } };

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

