// messages.js: how the open conversation's timeline looks: day separators,
// consecutive messages of one person grouped under one name and avatar,
// reply quotes, reactions, links, attachments, "Seen", and notes of who
// came and went. Text from the server is always put in as text.

import { $, avatar, el, formatDay, formatSize, formatTime, fill } from "./dom.js";
import { api, me, nameOf, state } from "./store.js";
import { openMenu, restoreEditor, toggleReaction } from "./actions.js";
import { renderPending } from "./composer.js";
import { mentionsMe } from "./mentions.js";
import { jumpTo } from "./conversation.js";

// RECEIPTS_UP_TO is the largest conversation that shows "Seen": the
// server sends read receipts in conversations of up to 100 members.
const RECEIPTS_UP_TO = 100;

// A run of one person's messages stays grouped while each follows the one
// before within this long.
const GROUP_MS = 5 * 60 * 1000;

// stick remembers whether the view was at the bottom before the last
// render, so that images loading later keep it there.
let stick = true;

function atBottom() {
  const s = $("messages-scroll");
  return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
}

export function isAtBottom() {
  return atBottom();
}

export function renderMessages(scrollToEnd) {
  const sorted = [...state.messages.values()].sort((a, b) =>
    a.created === b.created ? a.id.localeCompare(b.id) : a.created.localeCompare(b.created),
  );
  const timeline = [...sorted, ...state.notes.filter((n) => n.conversation === state.openId)].sort((a, b) =>
    a.created.localeCompare(b.created),
  );
  const lastMine = sorted.findLast((m) => m.author === me());
  const pending = [...state.pending.entries()].filter(([, p]) => p.conversation === state.openId);
  const items = [];
  let prev = null;
  for (const m of timeline) {
    const day = formatDay(m.created);
    if (!prev || formatDay(prev.created) !== day) {
      items.push(el("li", { class: "day", role: "separator", text: day }));
      prev = null;
    }
    if (m.note) {
      items.push(el("li", { class: "note", text: m.note }));
      prev = null;
      continue;
    }
    const grouped =
      prev && prev.author === m.author && new Date(m.created.replace(" ", "T")) - new Date(prev.created.replace(" ", "T")) < GROUP_MS;
    items.push(renderMessage(m, grouped, m === lastMine ? receiptOf(m) : ""));
    prev = m;
  }
  fill($("messages"), ...items, ...pending.map(([id, p]) => renderPending(id, p)));
  restoreEditor();
  $("older-state").textContent = state.hasOlder ? "" : sorted.length ? "This is the beginning of the conversation." : "No messages yet: say hello.";
  if (scrollToEnd) toBottom();
  stick = atBottom();
}

export function toBottom() {
  const scroller = $("messages-scroll");
  scroller.scrollTop = scroller.scrollHeight;
  stick = true;
  $("new-below").hidden = true;
}

// keepAtBottom is called when an image has loaded: if the view was at the
// bottom, it stays there.
function keepAtBottom() {
  if (stick) toBottom();
}

export const renderReceipts = () => renderMessages(false);

// receiptOf says who has read my message m, in a conversation small
// enough for read receipts: "Seen" with one other member, else "Seen by N".
function receiptOf(m) {
  if (state.memberCount < 2 || state.memberCount > RECEIPTS_UP_TO) return "";
  const readers = [...state.members.values()].filter((x) => x.user !== me() && (x.lastReadAt || "") >= m.created).length;
  if (!readers) return "";
  return state.memberCount === 2 ? "Seen" : `Seen by ${readers}`;
}

function renderMessage(m, grouped, receipt) {
  const mine = m.author === me();
  const author = mine ? "You" : m.expand?.author?.name || nameOf(m.author);
  const edited = m.updated && m.updated !== m.created;
  const classes = ["msg", mine && "mine", grouped && "grouped", mentionsMe(m) && "mentions-me"].filter(Boolean).join(" ");
  const li = el(
    "li",
    { class: classes, "data-id": m.id, oncontextmenu: (e) => (e.preventDefault(), openMenu(m, e.currentTarget)) },
    grouped || mine ? null : avatar(m.expand?.author || { id: m.author, name: author }),
    el(
      "div",
      { class: "msg-meta" },
      grouped ? null : el("span", { class: "msg-author", text: author }),
      el("time", { datetime: m.created, text: formatTime(m.created) }),
      edited ? el("span", { class: "edited", text: "edited" }) : null,
      el("button", {
        type: "button",
        class: "more",
        text: "⋯",
        "aria-label": `Actions for the message by ${author}`,
        "aria-haspopup": "menu",
        onclick: (e) => openMenu(m, e.currentTarget),
      }),
    ),
    m.reply?.id ? renderQuote(m.reply) : null,
    m.text ? el("p", { class: "msg-text" }, ...linkify(m.text)) : null,
  );
  if (m.attachments?.length) {
    const files = el("div", { class: "msg-files" });
    li.append(files);
    renderFilesOf(m, files);
  }
  if (m.reactions?.length) li.append(renderReactions(m));
  if (receipt) li.append(el("p", { class: "receipt", text: receipt }));
  return li;
}

function renderQuote(q) {
  if (q.deleted) return el("p", { class: "quote deleted", text: "Replying to a deleted message" });
  const text = q.text || (q.files ? "an attachment" : "");
  return el(
    "button",
    { type: "button", class: "quote", "aria-label": `Go to the message replied to, by ${q.authorName || "someone"}`, onclick: () => jumpTo(q.id) },
    el("span", { class: "quote-author", text: q.author === me() ? "You" : q.authorName || "Someone" }),
    el("span", { class: "quote-text", text }),
  );
}

function renderReactions(m) {
  return el(
    "div",
    { class: "reactions" },
    ...m.reactions.map((r) =>
      el("button", {
        type: "button",
        class: `chip${r.mine ? " mine" : ""}`,
        "aria-pressed": String(!!r.mine),
        "aria-label": `${r.emoji} ${r.count}${r.mine ? ", yours" : ""}`,
        text: `${r.emoji} ${r.count}`,
        onclick: () => toggleReaction(m, r.emoji),
      }),
    ),
  );
}

// linkify splits text into text nodes and links to http(s) URLs only, so
// that no javascript: or data: link can be made.
export function linkify(text) {
  const out = [];
  const re = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;
  let last = 0;
  for (const match of text.matchAll(re)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    let href;
    try {
      const u = new URL(match[0]);
      if (u.protocol === "http:" || u.protocol === "https:") href = u.href;
    } catch {
      /* not a URL after all */
    }
    out.push(href ? el("a", { href, target: "_blank", rel: "noopener noreferrer", text: match[0] }) : match[0]);
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

// displayName strips the suffix PocketBase adds to stored file names.
export function displayName(stored) {
  return stored.replace(/_[a-z0-9]{10}(\.[^.]+)?$/i, "$1");
}

async function renderFilesOf(m, container) {
  for (const name of m.attachments) {
    const info = (m.files || []).find((f) => f.name === name);
    const shown = info?.original || displayName(name);
    const size = info ? ` (${formatSize(info.size)})` : "";
    try {
      const url = await api.fileUrl(m, name);
      if (/\.(png|jpe?g|gif|webp)$/i.test(name)) {
        const thumb = await api.fileUrl(m, name, "480x0");
        const img = el("img", { src: thumb, alt: `${shown}${size}`, title: `${shown}${size}`, loading: "lazy" });
        img.addEventListener("load", keepAtBottom);
        container.append(el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, img));
      } else {
        container.append(el("a", { class: "file", href: url, target: "_blank", rel: "noopener noreferrer", download: shown, text: `📎 ${shown}${size}` }));
      }
    } catch {
      container.append(el("span", { text: shown }));
    }
  }
}
