// A typed chat client: the official SDK signs in and reads, chat-client.js
// keeps the websocket. Type-checked by the Node suite (tsc --noEmit).

import PocketBase from "pocketbase";
import { ChatClient, CloseCodes, States, type MessageRecord } from "../../pb_public/chat-client.js";

// Custom events your server sends with $chat.notify or Hub.Notify, by name.
type Custom = { "dice.rolled": { total: number; by: string } };

export async function start(baseUrl: string, email: string, password: string): Promise<ChatClient<Custom>> {
  const pb = new PocketBase(baseUrl);
  await pb.collection("users").authWithPassword(email, password);

  const chat = new ChatClient<Custom>({ baseUrl, authStore: pb.authStore });
  const shown = new Map<string, MessageRecord>();

  chat.on("message.created", (e) => {
    shown.set(e.record.id, e.record);
    console.log(`${e.record.expand?.author?.name ?? "someone"}: ${e.record.text}`);
    if (e.record.reply && !e.record.reply.deleted) console.log(`  ↳ replying to ${e.record.reply.authorName}`);
  });
  chat.on("message.deleted", (e) => shown.delete(e.record.id));
  chat.on("conversation.removed", (e) => console.log(`left ${e.record?.title ?? e.conversation}`));
  chat.on("read", (e) => console.log(`${e.user} read ${e.conversation} up to ${e.lastReadAt}`));
  chat.on("presence", (e) => console.log(e.online ? `${e.user} is here` : `${e.user} was last seen ${e.lastSeen}`));
  chat.on("dice.rolled", (e) => console.log(`${e.data.by} rolled ${e.data.total}`));
  chat.on("ready", async (e) => {
    if (e.resumed) {
      // every event was replayed; the inbox's unread counts are REST's: reload them
      await pb.collection("conversations").getList(1, 50, { sort: "-lastMessageAt" });
    }
  });
  chat.on("resync", () => shown.clear());
  chat.on("state", (state) => {
    if (state === States.UNAUTHORIZED) console.log("sign in again, then chat.connect()");
  });
  chat.on("close", (e) => {
    if (e.code === CloseCodes.SLOW) console.log("fell behind; resuming");
  });
  chat.on("*", (frame) => {
    if (frame.type === "typing") console.log(`${frame.user} is typing in ${frame.conversation}`);
  });

  chat.connect();
  return chat;
}
