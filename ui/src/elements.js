// elements.js: the entry of pbchat-elements.js. Importing it defines the
// chat's custom elements, once, whatever else the page defines.

import { PbchatApp } from "./pbchat-app.js";
import { PbchatConversation } from "./pbchat-conversation.js";
import { PbchatInbox } from "./pbchat-inbox.js";

export { PbchatApp, PbchatConversation, PbchatInbox };
export { ConversationStore } from "./conversation-store.js";
export { InboxStore, titleOf, previewOf } from "./inbox-store.js";
export { setLanguage } from "./i18n.js";

for (const [name, element] of [
  ["pbchat-inbox", PbchatInbox],
  ["pbchat-conversation", PbchatConversation],
  ["pbchat-app", PbchatApp],
]) {
  if (!customElements.get(name)) customElements.define(name, element);
}
