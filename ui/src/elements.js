// elements.js: the entry of pbchat-elements.js. Importing it defines the
// chat's custom elements, once, whatever else the page defines.

import { PbchatConversation } from "./pbchat-conversation.js";
import { PbchatInbox } from "./pbchat-inbox.js";

export { PbchatConversation, PbchatInbox };
export { ConversationStore } from "./conversation-store.js";
export { InboxStore, titleOf, previewOf } from "./inbox-store.js";

for (const [name, element] of [
  ["pbchat-inbox", PbchatInbox],
  ["pbchat-conversation", PbchatConversation],
]) {
  if (!customElements.get(name)) customElements.define(name, element);
}
