// The JS hook examples (examples/pb_hooks), end to end: a real server
// started with --hooksDir, used through the SDK and chat-client.js.

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";

import { connect as connectTo, useWorld, waitFor } from "./world.mjs";

const hooksDir = resolve(import.meta.dirname, "../../examples/pb_hooks");
const world = useWorld([`--hooksDir=${hooksDir}`]);
const people = world.people;

describe("JS hooks", () => {
  let conv;
  before(async () => {
    conv = await people.Alice.pb.collection("conversations").create({ title: "Hooks", members: [people.Bob.id] });
  });

  const messages = (who) =>
    people[who].pb.collection("messages").getFullList({ filter: `conversation="${conv.id}"`, sort: "created" });

  test("the dice bot answers /roll in the conversation it was asked in, and only there", async (t) => {
    const bob = connectTo(world, people.Bob);
    t.after(() => bob.client.close());
    await bob.ready;
    const other = await people.Carol.pb.collection("conversations").create({ title: "Carol's" });

    const ask = await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "/roll 3d6" });
    const answer = await waitFor("the bot's answer", () =>
      bob.frames.find((f) => f.type === "message.created" && f.record.replyTo === ask.id),
    );
    assert.equal(answer.conversation, conv.id);
    assert.equal(answer.record.expand.author.name, "Dice");
    assert.match(answer.record.text, /^🎲 Alice rolled 3d6: ([1-6]) \+ ([1-6]) \+ ([1-6]) = (\d+)$/);
    const [, a, b, c, sum] = answer.record.text.match(/(\d) \+ (\d) \+ (\d) = (\d+)/);
    assert.equal(Number(a) + Number(b) + Number(c), Number(sum));
    assert.equal(answer.record.reply.id, ask.id);

    // stored, as everyone reads it over REST; not in Carol's conversation
    const stored = await messages("Bob");
    assert.deepEqual(stored.map((m) => m.text.startsWith("🎲")), [false, true]);
    assert.equal((await people.Carol.pb.collection("messages").getFullList({ filter: `conversation="${other.id}"` })).length, 0);

    // no answer to anything else, nor twice
    await people.Bob.pb.collection("messages").create({ conversation: conv.id, text: "/rolling my eyes" });
    await people.Bob.pb.collection("messages").create({ conversation: conv.id, text: "/roll 2d6" });
    await waitFor("the second answer", async () => (await messages("Alice")).length === 5);
    await new Promise((r) => setTimeout(r, 300));
    const texts = (await messages("Alice")).map((m) => m.text);
    assert.equal(texts.length, 5, texts.join("\n"));
    assert.match(texts[4], /^🎲 Bob rolled 2d6: \d \+ \d = \d+$/);
    assert.doesNotMatch(world.server.output(), /dice bot|failed to execute|Error/);
  });

  test("the bot's account is the server's: nobody signs up, or moves their email, to its address", async () => {
    const { default: PocketBase } = await import("pocketbase");
    const guest = new PocketBase(world.server.url);
    for (const email of ["dicebot00000000@bots.pbchat.invalid", "dice@bots.pbchat.invalid", "X@BOTS.PBCHAT.INVALID"]) {
      await assert.rejects(
        guest.collection("users").create({ name: "Dice", email, password: "password-1234", passwordConfirm: "password-1234" }),
        (e) => e.status === 400 && e.response.data.email?.code === "validation_reserved_email",
        email,
      );
    }
    await assert.rejects(
      people.Carol.pb.collection("users").update(people.Carol.id, { email: "dice@bots.pbchat.invalid" }),
      (e) => e.status === 400,
    );
    // the bot is there from the start, under its own id
    const ask = await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "/roll" });
    const answer = await waitFor("the answer", async () =>
      (await messages("Alice")).find((m) => m.replyTo === ask.id),
    );
    assert.equal(answer.author, "dicebot00000000");
  });

  test("moderation: a listed word is a clear 400 and nothing is saved", async () => {
    const before = (await messages("Alice")).length;
    await assert.rejects(
      people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "this is not a SCAM, honest" }),
      (e) => {
        assert.equal(e.status, 400);
        assert.equal(e.response.data.text.code, "validation_blocked_words");
        assert.match(e.response.data.text.message, /scam/);
        return true;
      },
    );
    assert.equal((await messages("Alice")).length, before);
    // a word that merely contains one is fine
    await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "spammer-proof? scampi!" });
  });

  test("moderation: an edit of a delivered message is masked live, on resume, in REST and in quotes", async (t) => {
    const bob = connectTo(world, people.Bob);
    t.after(() => bob.client.close());
    await bob.ready;
    const m = await people.Alice.pb.collection("messages").create({ conversation: conv.id, text: "great deal" });
    const reply = await people.Bob.pb.collection("messages").create({ conversation: conv.id, text: "where?", replyTo: m.id });
    await waitFor("the message", () => bob.frames.some((f) => f.record?.id === reply.id));
    const cursor = bob.client.cursor;

    await people.Alice.pb.collection("messages").update(m.id, { text: "great deal, no spam" });
    const edit = await waitFor("the edit", () => bob.frames.find((f) => f.type === "message.updated" && f.record.id === m.id));
    assert.equal(edit.record.text, "great deal, no ****");
    // a new reply quotes the edited text: masked too
    const second = await people.Bob.pb.collection("messages").create({ conversation: conv.id, text: "oh", replyTo: m.id });
    const quoted = await waitFor("the second reply", () => bob.frames.find((f) => f.record?.id === second.id));
    assert.equal(quoted.record.reply.text, "great deal, no ****");

    // a resume from before the edit replays it masked
    const later = connectTo(world, people.Bob, { since: cursor });
    t.after(() => later.client.close());
    await later.ready;
    const replayed = later.frames.find((f) => f.type === "message.updated" && f.record.id === m.id);
    assert.equal(replayed?.record.text, "great deal, no ****");

    // REST reads, of the message and of the quotes; the stored text is as written
    assert.equal((await people.Bob.pb.collection("messages").getOne(m.id)).text, "great deal, no ****");
    assert.equal((await people.Bob.pb.collection("messages").getOne(reply.id)).reply.text, "great deal, no ****");
    assert.equal(second.reply.text, "great deal, no ****");

    // search: the masked word finds nothing, and the snippet shows the mask
    const search = (q) => people.Bob.pb.send(`/api/chat/search?q=${encodeURIComponent(q)}`, {});
    assert.equal((await search("spam")).items.length, 0);
    const found = await search("great deal");
    const hit = found.items.find((i) => i.id === m.id);
    assert.ok(hit, "the edited message is found by its other words");
    assert.equal(hit.text, "great deal, no ****");
    assert.ok(!hit.snippet.includes("spam"), `the snippet shows the masked word: ${hit.snippet}`);
  });
});
