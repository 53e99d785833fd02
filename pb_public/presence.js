// presence.js: who of my people is online, from the server's presence
// frames (to co-members only; someone hiding shows as offline).

import { el, formatTime } from "./dom.js";
import { state } from "./store.js";

export function onPresence(e) {
  state.presence.set(e.user, { online: e.online, lastSeen: e.lastSeen || "" });
}

export function isOnline(id) {
  return !!state.presence.get(id)?.online;
}

// presenceText says how someone is: online, or when they were last seen.
export function presenceText(id) {
  const p = state.presence.get(id);
  if (p?.online) return "online";
  if (p?.lastSeen) return `last seen ${formatTime(p.lastSeen)}`;
  return "";
}

// dot marks someone online.
export function dot(id) {
  return isOnline(id) ? el("span", { class: "dot", title: "online", "aria-label": "online" }) : null;
}
