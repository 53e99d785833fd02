// Mistakes the types must catch: each line below an @ts-expect-error must
// fail to compile, or tsc fails on the directive (test/node/types.test.mjs).

import { ChatClient, type MessageRecord } from "../../pb_public/chat-client.js";
import "../../pb_public/pbchat-elements.js";

const chat = new ChatClient<{ "dice.rolled": { total: number } }>({ baseUrl: "http://127.0.0.1:8090" });

// @ts-expect-error: a misspelled event name
chat.on("mesage.created", () => {});

chat.on("message.created", (e) => {
  // @ts-expect-error: messages have text, not body
  console.log(e.record.body);
  // @ts-expect-error: a message event's record is never a conversation
  console.log(e.record.title);
});

chat.on("presence", (e) => {
  // @ts-expect-error: online is a boolean
  const s: string = e.online;
  console.log(s);
});

chat.on("dice.rolled", (e) => {
  // @ts-expect-error: a custom event's data is as declared
  console.log(e.data.sum);
});

// @ts-expect-error: an undeclared custom event
chat.on("dice.thrown", () => {});

// @ts-expect-error: options are checked
new ChatClient({ baseURL: "http://127.0.0.1:8090" });

// @ts-expect-error: a quote is only ever marked deleted: true
const m: MessageRecord["reply"] = { id: "x", deleted: false };
console.log(m);

const inbox = document.createElement("pbchat-inbox");
inbox.addEventListener("pbchat-open", (e) => {
  // @ts-expect-error: pbchat-open names a conversation, not an id
  console.log(e.detail.id);
});
inbox.addEventListener("pbchat-unread", (e) => {
  // @ts-expect-error: the unread total is a number
  const total: string = e.detail.total;
  console.log(total);
});
// @ts-expect-error: a conversation element's id is its conversation
document.createElement("pbchat-conversation").conversationId = "x";
