// elements.js: the entry of pbchat-elements.js. Importing it defines the
// chat's custom elements, once, whatever else the page defines.

import { PbchatInbox } from "./pbchat-inbox.js";

export { PbchatInbox };
export { InboxStore, titleOf, previewOf } from "./inbox-store.js";

if (!customElements.get("pbchat-inbox")) customElements.define("pbchat-inbox", PbchatInbox);
