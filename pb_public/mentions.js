// mentions.js: @-mentions: completion from the open conversation's
// members while writing, the ids a message mentions, and whether one
// mentions me.

import { $, el, fill } from "./dom.js";
import { me, nameOf, state } from "./store.js";

// picks maps the "@Name" inserted by completion to the member's id.
const picks = new Map();

export function mentionsMe(m) {
  return m.author !== me() && (m.mentions || []).includes(me());
}

// mentionIds are the members whose @Name is still in text.
export function mentionIds(text) {
  const ids = [];
  for (const [handle, id] of picks) if (text.includes(handle) && !ids.includes(id)) ids.push(id);
  return ids;
}

export function clearMentions() {
  picks.clear();
  closeList();
}

// takeMentions hands over the picks of the draft being put away, and
// restoreMentions brings back a draft's.
export function takeMentions() {
  const taken = new Map(picks);
  clearMentions();
  return taken;
}

export function restoreMentions(saved) {
  clearMentions();
  for (const [handle, id] of saved || []) picks.set(handle, id);
}

// complete offers the members whose name starts with what follows the @
// before the caret.
export function complete() {
  const area = $("composer-text");
  const before = area.value.slice(0, area.selectionStart);
  const at = before.match(/(?:^|\s)@([\p{L}\p{N}_.-]*)$/u);
  if (!at) return closeList();
  const prefix = at[1].toLowerCase();
  const found = [...state.members.keys()]
    .filter((id) => id !== me())
    .map((id) => ({ id, name: nameOf(id) }))
    .filter((u) => u.name.toLowerCase().startsWith(prefix))
    .slice(0, 8);
  if (!found.length) return closeList();
  fill($("mention-list"),
    ...found.map((u, i) =>
      el("li", {}, el("button", { type: "button", role: "option", "aria-selected": String(i === 0), text: u.name, onclick: () => choose(u, at[1].length) })),
    ),
  );
  $("mention-list").hidden = false;
}

function choose(u, typed) {
  const area = $("composer-text");
  const caret = area.selectionStart;
  const handle = `@${u.name}`;
  area.value = area.value.slice(0, caret - typed - 1) + handle + " " + area.value.slice(caret);
  const pos = caret - typed - 1 + handle.length + 1;
  area.setSelectionRange(pos, pos);
  picks.set(handle, u.id);
  closeList();
  area.focus();
}

function closeList() {
  $("mention-list").hidden = true;
  fill($("mention-list"));
}

// keydown lets Enter or Tab take the first suggestion while the list shows.
export function keydown(e) {
  if ($("mention-list").hidden) return false;
  if (e.key === "Enter" || e.key === "Tab") {
    e.preventDefault();
    $("mention-list").querySelector("button")?.click();
    return true;
  }
  if (e.key === "Escape") {
    closeList();
    return true;
  }
  return false;
}
