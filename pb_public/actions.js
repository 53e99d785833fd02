// actions.js: what can be done to a message, from one menu (the ⋯ button,
// a right click or a long press): reply, react, edit and delete your own.

import { quote } from "./api.js";
import { $, el, fill } from "./dom.js";
import { api, me, state } from "./store.js";
import { renderMessages } from "./messages.js";
import { renderReplyBar } from "./composer.js";

// The reactions the menu offers; the server takes any one emoji.
export const REACTIONS = ["👍", "❤️", "😂", "🎉", "😮", "😢", "🙏", "👀"];

export function openMenu(m, anchor) {
  const menu = $("msg-menu");
  const mine = m.author === me();
  fill(menu,
    el(
      "div",
      { class: "menu-reactions", role: "group", "aria-label": "React" },
      ...REACTIONS.map((emoji) =>
        el("button", { type: "button", role: "menuitem", text: emoji, "aria-label": `React with ${emoji}`, onclick: () => (closeMenu(), toggleReaction(m, emoji)) }),
      ),
    ),
    el("button", { type: "button", role: "menuitem", class: "reply", text: "Reply", onclick: () => (closeMenu(), startReply(m)) }),
    mine ? el("button", { type: "button", role: "menuitem", class: "edit", text: "Edit", onclick: () => (closeMenu(), editMessage(m)) }) : null,
    mine ? el("button", { type: "button", role: "menuitem", class: "delete danger", text: "Delete", onclick: () => (closeMenu(), deleteMessage(m)) }) : null,
  );
  const r = anchor.getBoundingClientRect();
  menu.style.top = `${Math.min(r.bottom + 4, window.innerHeight - 160)}px`;
  menu.style.left = `${Math.max(8, Math.min(r.left, window.innerWidth - 260))}px`;
  menu.hidden = false;
  menu.querySelector("button")?.focus();
}

export function closeMenu() {
  $("msg-menu").hidden = true;
}

function startReply(m) {
  state.replyTo = m;
  renderReplyBar();
  $("composer-text").focus();
}

// toggleReaction adds my reaction, or takes it back if I have it; the
// server's event brings the count to every member.
export async function toggleReaction(m, emoji) {
  const current = state.messages.get(m.id) || m;
  const mine = current.reactions?.find((r) => r.emoji === emoji && r.mine);
  try {
    if (mine) {
      const found = await api.list("reactions", {
        filter: `message=${quote(m.id)} && user=${quote(me())} && emoji=${quote(emoji)}`,
        perPage: 1,
        skipTotal: 1,
      });
      if (found.items[0]) await api.remove("reactions", found.items[0].id);
    } else {
      await api.create("reactions", { message: m.id, emoji });
    }
  } catch (err) {
    alert(err.message);
  }
}

// onReaction counts a reaction event into its message's chips.
export function onReaction(e) {
  const r = e.record;
  const m = state.messages.get(r.message);
  if (!m) return;
  const list = (m.reactions || []).map((x) => ({ ...x }));
  let chip = list.find((x) => x.emoji === r.emoji);
  if (e.type === "reaction.created") {
    if (!chip) list.push((chip = { emoji: r.emoji, count: 0, mine: false }));
    chip.count++;
    if (r.user === me()) chip.mine = true;
  } else if (chip) {
    chip.count--;
    if (r.user === me()) chip.mine = false;
  }
  m.reactions = list.filter((x) => x.count > 0);
  renderMessages(false);
}

// editor is the message being edited and the nodes of its editor: a new
// message, a receipt or a reaction re-renders the timeline, and the edit
// must survive it (restoreEditor), caret and all.
let editor = null;

function closeEditor() {
  editor = null;
  renderMessages(false);
}

// restoreEditor puts the open editor back into its message after the
// timeline was rendered again; a message gone (deleted) closes it.
export function restoreEditor() {
  if (!editor) return;
  const li = $("messages").querySelector(`li[data-id="${editor.id}"]`);
  if (!li || editor.conversation !== state.openId) {
    editor = null;
    return;
  }
  const focused = document.activeElement === editor.area;
  li.querySelector(".msg-text")?.remove();
  li.append(...editor.nodes);
  if (focused || document.activeElement === document.body) editor.area.focus();
}

function editMessage(m) {
  const li = $("messages").querySelector(`li[data-id="${m.id}"]`);
  if (!li) return;
  const area = el("textarea", { class: "edit-text", "aria-label": "Edit message", rows: 2 });
  area.value = m.text;
  const error = el("p", { class: "error", role: "alert" });
  const save = async () => {
    try {
      const updated = await api.update("messages", m.id, { text: area.value });
      const current = state.messages.get(m.id) || m;
      state.messages.set(m.id, { ...current, ...updated, expand: current.expand, reactions: current.reactions });
      closeEditor();
    } catch (err) {
      error.textContent = err.message;
    }
  };
  area.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      save();
    } else if (e.key === "Escape") closeEditor();
  });
  const nodes = [
    area,
    el(
      "div",
      { class: "msg-actions" },
      el("button", { type: "button", class: "save", text: "Save", onclick: save }),
      el("button", { type: "button", text: "Cancel", onclick: closeEditor }),
    ),
    error,
  ];
  editor = { id: m.id, conversation: state.openId, area, nodes };
  li.querySelector(".msg-text")?.remove();
  li.append(...nodes);
  area.focus();
}

async function deleteMessage(m) {
  if (!confirm("Delete this message for everyone?")) return;
  try {
    await api.remove("messages", m.id);
    state.messages.delete(m.id);
    renderMessages(false);
  } catch (err) {
    alert(err.message);
  }
}

export function wireActions() {
  document.addEventListener("click", (e) => {
    if (!$("msg-menu").hidden && !e.target.closest("#msg-menu, .more")) closeMenu();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") closeMenu();
  });
}
