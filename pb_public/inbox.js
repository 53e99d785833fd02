// inbox.js: the list of conversations by latest activity, each with its
// last message and unread count from the server, loaded in one request and
// kept current by events; unread counts follow reads on every device.

import { $, avatar, el, fill } from "./dom.js";
import { api, me, nameOf, remember, state } from "./store.js";
import { closeConversation, onRenamed, openConversation, renderHeader } from "./conversation.js";
import { renderReceipts } from "./messages.js";
import { dot } from "./presence.js";
import { isMuted, updateTitle } from "./notify.js";

// INBOX is the inbox call the README documents: my conversations by
// activity, each with its last message and that message's author; each
// carries my member record (member), unread and heroes.
const INBOX = { sort: "-lastMessageAt,-created", expand: "lastMessage.author" };

// row makes an inbox row of a conversation as the server annotates it.
function row(c) {
  const conv = { ...c, heroes: c.heroes || [], unread: c.unread || 0 };
  const last = c.expand?.lastMessage;
  if (last?.expand?.author) remember(last.expand.author);
  conv.heroes.forEach(remember);
  conv.preview = last ? previewOf(last) : "";
  return conv;
}

export async function loadInbox(resumed) {
  try {
    const rows = (await api.listAll("conversations", INBOX)).map(row);
    const fresh = new Set(rows.map((c) => c.id));
    for (const id of state.conversations.keys()) if (!fresh.has(id)) onConversationRemoved(id);
    for (const c of rows) state.conversations.set(c.id, c);
    renderList();
    if (state.openId && (!resumed || !state.loaded)) await openConversation(state.openId, true);
    state.loaded = true;
  } catch (err) {
    console.error(err);
    $("no-conversations").hidden = false;
    $("no-conversations").textContent = err.message;
  }
}

// refreshRow reloads one conversation's inbox row: one just joined, or one
// whose unread count another device changed.
export async function refreshRow(convId) {
  const q = new URLSearchParams({ expand: INBOX.expand });
  const c = await api.request("GET", `/api/collections/conversations/records/${encodeURIComponent(convId)}?${q}`);
  state.conversations.set(convId, row(c));
  renderList();
  if (state.openId === convId) renderHeader();
}

export function titleOf(conv) {
  if (conv.title) return conv.title;
  const others =
    state.openId === conv.id && state.members.size
      ? [...state.members.keys()].filter((id) => id !== me())
      : (conv.heroes || []).map((u) => u.id);
  if (!others.length) return "Just you";
  return others.slice(0, 3).map(nameOf).join(", ") + (others.length > 3 ? "…" : "");
}

export function previewOf(m) {
  const text = (m.text || "").replace(/\s+/g, " ").trim();
  const words = text.split(" ").slice(0, 8).join(" ");
  const body = words ? words + (text.length > words.length ? "…" : "") : m.attachments?.length ? "sent an attachment" : "";
  return `${nameOf(m.author)}: ${body}`;
}

// unreadText shows a count the server caps at 1,000.
function unreadText(n) {
  return n >= 1000 ? "999+" : String(n);
}

export function renderList() {
  const all = [...state.conversations.values()];
  const filter = state.filter.trim().toLowerCase();
  const list = all
    .filter((c) => !filter || titleOf(c).toLowerCase().includes(filter))
    .sort((a, b) => (b.lastMessageAt || b.created).localeCompare(a.lastMessageAt || a.created));
  $("no-conversations").hidden = list.length > 0;
  $("no-conversations").textContent = all.length ? "No conversation matches." : "No conversations yet. Start one with “New”.";
  fill($("conversations"),
    ...list.map((c) => {
      const other = !c.title && c.heroes?.length === 1 ? c.heroes[0] : null;
      const label = [titleOf(c), c.unread && `${unreadText(c.unread)} unread`, c.mentions && "mentions you", other && dot(other.id) && "online"]
        .filter(Boolean)
        .join(", ");
      return el(
        "li",
        {},
        el(
          "button",
          {
            type: "button",
            class: isMuted(c) ? "muted-conv" : null,
            "data-id": c.id,
            "aria-current": c.id === state.openId ? "true" : "false",
            "aria-label": label,
            onclick: () => openConversation(c.id),
          },
          el("span", { class: "conv-avatar" }, avatar(other || { id: c.id, name: titleOf(c) }), other ? dot(other.id) : null),
          el("span", { class: "conv-name", text: titleOf(c) }),
          el(
            "span",
            { class: "badges" },
            c.mentions ? el("span", { class: "mention-badge", text: "@" }) : null,
            c.unread ? el("span", { class: "unread", text: unreadText(c.unread) }) : null,
          ),
          el("span", { class: "conv-preview", text: c.preview || "No messages yet" }),
        ),
      );
    }),
  );
  updateTitle();
}

// onConversation merges a conversation record from an event or a save.
export function onConversation(record) {
  const old = state.conversations.get(record.id);
  if (!old) {
    refreshRow(record.id).catch(console.error);
    return;
  }
  state.conversations.set(record.id, { ...old, ...record });
  onRenamed(record, old);
  renderList();
  if (state.openId === record.id) renderHeader();
}

export function onConversationRemoved(id) {
  state.conversations.delete(id);
  renderList();
  if (state.openId === id) {
    closeConversation();
    $("placeholder").querySelector("p").textContent = "You are no longer in that conversation.";
  }
}

// onRead takes a read: mine, from another device, clears or recounts the
// badge; another member's is a read receipt.
export function onRead(e) {
  const conv = state.conversations.get(e.conversation);
  if (!conv) return;
  if (e.user !== me()) {
    const m = state.members.get(e.user);
    if (state.openId === e.conversation && m) {
      m.lastReadAt = e.lastReadAt;
      renderReceipts();
    }
    return;
  }
  if (e.lastReadAt <= (conv.member?.lastReadAt || "")) return;
  conv.member = { ...conv.member, lastReadAt: e.lastReadAt };
  if (e.lastReadAt >= (conv.lastMessageAt || "")) {
    conv.unread = 0;
    renderList();
  } else {
    refreshRow(conv.id).catch(console.error);
  }
}

const readTimers = new Map();

// markRead moves my read state in a conversation up to created: the badge
// at once, the server a moment later (one request for a burst of messages).
export function markRead(convId, created) {
  const conv = state.conversations.get(convId);
  if (!conv?.member || !created || (conv.member.lastReadAt || "") >= created) return;
  conv.member.lastReadAt = created;
  if (conv.unread || conv.mentions) {
    conv.unread = 0;
    conv.mentions = 0;
    renderList();
  }
  clearTimeout(readTimers.get(convId));
  readTimers.set(
    convId,
    setTimeout(async () => {
      readTimers.delete(convId);
      try {
        const m = await api.update("members", conv.member.id, { lastReadAt: conv.member.lastReadAt });
        conv.unread = m.unread || 0;
        conv.mentions = m.mentions || 0;
        renderList();
      } catch (err) {
        console.error(err);
      }
    }, 300),
  );
}
