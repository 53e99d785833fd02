/// <reference path="../../pb_data/types.d.ts" />
/// <reference path="./pbchat.d.ts" />

// A dice bot: "/roll" (one six-sided die) or "/roll 2d20" in a conversation
// gets an answer from "Dice" in that conversation, as a reply to the ask.
//
// It runs after the ask has committed, so a failure here never costs the
// ask; the bot's own messages don't start with "/roll", so it never answers
// itself. Handlers run in pooled runtimes, each on its own: they share code
// through require(), not through this file's top-level names.

// The bot's account, made when the app starts (bot.js), before anyone
// could sign up in its place.
onBootstrap((e) => {
  e.next();
  try {
    require(`${__hooks}/bot.js`).ensure(e.app, "dicebot00000000", "Dice");
  } catch (err) {
    e.app.logger().error("dice bot: can't make its account", "error", String(err));
  }
});

// Nobody signs up, or changes their email, to a bots' address.
onRecordCreateRequest((e) => {
  require(`${__hooks}/bot.js`).guard(e, e.record.email());
  e.next();
}, "users");
onRecordUpdateRequest((e) => {
  require(`${__hooks}/bot.js`).guard(e, e.record.email());
  e.next();
}, "users");
onRecordRequestEmailChangeRequest((e) => {
  require(`${__hooks}/bot.js`).guard(e, e.newEmail);
  e.next();
}, "users");

onRecordAfterCreateSuccess((e) => {
  e.next();

  const ask = /^\/roll(?:\s+(\d{1,2})?d(\d{1,3}))?\s*$/i.exec(e.record.getString("text").trim());
  if (!ask) return;
  const count = Math.max(1, Number(ask[1] || 1));
  const sides = Math.max(2, Number(ask[2] || 6));

  try {
    const bot = require(`${__hooks}/bot.js`).user(e.app, "dicebot00000000");
    const rolls = [];
    for (let i = 0; i < count; i++) rolls.push(1 + Math.floor(Math.random() * sides));
    const total = rolls.reduce((a, b) => a + b, 0);
    const asker = e.app.findRecordById("users", e.record.getString("author"));

    const answer = new Record(e.app.findCollectionByNameOrId("messages"));
    answer.set("conversation", e.record.getString("conversation"));
    answer.set("author", bot.id);
    answer.set("replyTo", e.record.id);
    answer.set(
      "text",
      `🎲 ${asker.getString("name") || "You"} rolled ${count}d${sides}: ` +
        (count > 1 ? `${rolls.join(" + ")} = ${total}` : `${total}`),
    );
    e.app.save(answer);
  } catch (err) {
    e.app.logger().error("dice bot: no answer", "message", e.record.id, "error", String(err));
  }
}, "messages");
