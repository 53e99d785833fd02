// store.js: what the screens share: the REST client, the signed-in user,
// the state of the page, and people's names.

import { Api, quote } from "./api.js";

export const api = new Api();

// live holds the websocket client while signed in (set by app.js).
export const live = { chat: null };

export const state = {
  // id → conversation record, with member (my member record: id,
  // lastReadAt, role), unread (from the server) and preview
  conversations: new Map(),
  users: new Map(), // id → {id, name}
  openId: "",
  members: new Map(), // user id → member record of the open conversation
  memberCount: 0, // of the open conversation
  messages: new Map(), // id → message record of the open conversation
  pending: new Map(), // id → {conversation, text, files, error}
  oldest: null, // the oldest loaded message, for paging back
  hasOlder: false,
  loadingOlder: false,
  typing: new Map(), // user id → timer
  picked: new Map(), // new-conversation picker: id → user
  files: [], // attachments waiting in the composer
  replyTo: null, // the message the composer replies to
  // conversation id → {text, files, replyTo, mentions}: what was being
  // written in each conversation not open now, so that nothing typed in
  // one is ever sent to another
  drafts: new Map(),
  notes: [], // {note, conversation, created}: who came and went, renames
  presence: new Map(), // user id → {online, lastSeen}
  filter: "", // the conversation list's filter
  loaded: false,
};

export function me() {
  return api.user?.id || "";
}

export function remember(user) {
  if (user?.id) state.users.set(user.id, { id: user.id, name: user.name || "" });
}

export function nameOf(id) {
  if (id === me()) return "You";
  const u = state.users.get(id);
  return u ? u.name || "Someone" : "…";
}

// loadNames fetches the names of users not seen yet, 40 to a request.
export async function loadNames(ids) {
  const missing = [...new Set(ids)].filter((id) => id && !state.users.has(id));
  for (let i = 0; i < missing.length; i += 40) {
    const chunk = missing.slice(i, i + 40);
    const res = await api.list("users", {
      perPage: chunk.length,
      skipTotal: 1,
      fields: "id,name",
      filter: chunk.map((id) => `id=${quote(id)}`).join("||"),
    });
    res.items.forEach(remember);
    for (const id of chunk) if (!state.users.has(id)) state.users.set(id, { id, name: "Deleted user" });
  }
}

export function resetState() {
  state.conversations.clear();
  state.members.clear();
  state.messages.clear();
  state.pending.clear();
  state.presence.clear();
  state.notes = [];
  state.files = [];
  state.replyTo = null;
  state.drafts.clear();
  state.filter = "";
  state.openId = "";
  state.loaded = false;
}
