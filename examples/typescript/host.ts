// A host app embeds the chat's elements, signed in by its own PocketBase
// client: the inbox's pick opens the conversation, its unread total feeds
// the host's badge. Type-checked by the Node suite (tsc --noEmit).

import PocketBase from "pocketbase";
import "../../pb_public/pbchat-elements.js";

export function embed(pb: PocketBase, badge: HTMLElement, where: HTMLElement): void {
  const inbox = document.createElement("pbchat-inbox");
  const conversation = document.createElement("pbchat-conversation");
  inbox.pb = conversation.pb = pb;
  inbox.addEventListener("pbchat-open", (e) => {
    e.preventDefault(); // the host shows it
    conversation.conversation = e.detail.conversation;
    if (e.detail.message) void conversation.reveal(e.detail.message);
  });
  inbox.addEventListener("pbchat-unread", (e) => {
    badge.textContent = e.detail.total ? String(e.detail.total) : "";
  });
  where.append(inbox, conversation);
}
