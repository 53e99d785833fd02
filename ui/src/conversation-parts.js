// conversation-parts.js: the pieces of <pbchat-conversation> drawn from
// its state: its header (title, who is in it, whether they are online),
// a send on its way or failed, and the message menu; and reacting, with
// who reacted. Each takes the element (el).

import { html, nothing } from "lit";

import { pickEmoji } from "./emoji.js";
import { askReport } from "./report.js";
import { describe } from "./errors.js";
import { list, stamp, t } from "./i18n.js";
import { previewOf } from "./format.js";

// The reactions the menu offers at once; the picker has the rest (the server takes any one emoji).
export const REACTIONS = ["👍", "❤️", "😂", "🎉", "😮", "😢", "🙏", "👀"];

export function header(el) {
  const row = el._row;
  const s = el._s;
  const people = el.session.people;
  const ids = [...s.members.keys()];
  const other = s.memberCount === 2 ? ids.find((id) => id !== el.session.me) : "";
  const status = other ? (people.online(other) ? t("online") : people.lastSeen(other) ? t("last seen {time}", { time: stamp(people.lastSeen(other)) }) : "") : "";
  const more = s.memberCount - ids.length;
  const names = s.memberCount > 8 ? t("{n} members", { n: s.memberCount }) : list(ids.map((id) => people.nameOf(id))) + (more > 0 ? " " + t("and {n} more", { n: more }) : "");
  return html`<header part="header">
    ${el.back ? html`<button type="button" class="back" aria-label=${t("Back to conversations")} @click=${() => el.emit("back", {})}>‹</button>` : nothing}
    <div class="titles">
      <h2 class="conv-title">${row?.title || ""}</h2>
      <p class="muted conv-people">${[names, status].filter(Boolean).join(" · ")}</p>
    </div>
    ${el._pins?.state.pins.length
      ? html`<button type="button" class="pinned" @click=${() => el.renderRoot.querySelector("dialog.pins")?.showModal()}>
          📌 ${t("{n} pinned", { n: el._pins.state.pins.length })}
        </button>`
      : nothing}
    <button type="button" class="settings" aria-label=${t("People & settings")} @click=${() => el.renderRoot.querySelector("pbchat-people").show()}>
      <span aria-hidden="true" class="icon">⚙</span><span aria-hidden="true" class="label">${t("People & settings")}</span>
    </button>
  </header>`;
}

export function pendingView(el, p) {
  const status = p.waiting ? t("Waiting for the connection…") : p.error ? t("Not sent") : t("Sending…");
  return html`<li class="msg mine ${p.error ? "failed" : "pending"}" data-id=${p.id}>
    <span class="gutter"></span>
    <div class="body">
      <div class="meta"><span class="author">${t("You")}</span><span>${status}</span></div>
      ${p.text ? html`<p class="msg-text">${p.text}</p>` : nothing}
      ${p.files.length ? html`<p class="muted">${t("Attachments:")} ${p.files.map((f) => f.name).join(", ")}</p>` : nothing}
      ${p.error
        ? html`<p class="msg-status" role="alert">
            ${p.error}
            ${p.final ? nothing : html`<button type="button" class="link retry" @click=${() => el._store.retry(p.id)}>${t("Retry")}</button>`}
            <button type="button" class="link" @click=${() => el._store.discard(p.id, true)}>${t("Edit")}</button>
            <button type="button" class="link" @click=${() => el._store.discard(p.id)}>${t("Discard")}</button>
          </p>`
        : nothing}
    </div>
  </li>`;
}

export function menuView(el) {
  const { m, top, left } = el._menu;
  const mine = m.author === el.session.me;
  return html`<div class="menu" role="menu" aria-label=${t("Message actions")} style="top:${top}px;left:${left}px" @keydown=${(e) => menuKey(el, e)}>
    <div class="emoji" role="group" aria-label=${t("React")}>
      ${REACTIONS.map((e) => html`<button type="button" role="menuitem" aria-label=${t("React with {emoji}", { emoji: e })} @click=${() => react(el, m, e)}>${e}</button>`)}
    </div>
    <button type="button" role="menuitem" @click=${() => moreReactions(el, m)}>${t("More reactions…")}</button>
    <button type="button" role="menuitem" class="reply" @click=${() => el._reply(m)}>${t("Reply")}</button>
    <button type="button" role="menuitem" @click=${() => el._pin(m)}>${el._pins?.pinOf(m.id) ? t("Unpin") : t("Pin")}</button>
    ${mine && !m.removed ? html`<button type="button" role="menuitem" class="edit" @click=${() => el._edit(m)}>${t("Edit")}</button>` : nothing}
    ${mine ? html`<button type="button" role="menuitem" class="delete danger" @click=${() => el._delete(m)}>${t("Delete")}</button>` : nothing}
    ${!mine && !m.withheld && !m.removed ? html`<button type="button" role="menuitem" @click=${() => askReport(el, m)}>${t("Report…")}</button>` : nothing}
    ${!mine && m.author ? blockItem(el, m) : nothing}
  </div>`;
}

/** The menu item that blocks the author of a message, or unblocks them. */
function blockItem(el, m) {
  const user = m.author;
  const name = el.session.people.nameOf(user);
  return m.withheld === "blocked" || el.session.safety.blocks(user)
    ? html`<button type="button" role="menuitem" @click=${() => el._block(user)}>${t("Unblock {name}", { name })}</button>`
    : html`<button type="button" role="menuitem" class="danger" @click=${() => el._block(user)}>${t("Block {name}", { name })}</button>`;
}

// menuKey moves through the menu by arrow keys; Escape closes it.
export function menuKey(el, e) {
  const items = [...el.renderRoot.querySelectorAll(".menu button")];
  const i = items.indexOf(el.renderRoot.activeElement);
  if (e.key === "Escape") return e.preventDefault(), el._closeMenu();
  const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
  if (step) {
    e.preventDefault();
    items[(i + step + items.length) % items.length]?.focus();
  }
}

/** Adds my reaction to m, or takes it back if I have it; the socket brings the counts. */
export async function react(el, m, emoji) {
  el._menu = null;
  const pb = el.client;
  const me = el.session.me;
  const current = el._s.messages.find((x) => x.id === m.id) || m;
  try {
    if (current.reactions?.find((r) => r.emoji === emoji && r.mine)) {
      const found = await pb.collection("reactions").getFirstListItem(pb.filter("message = {:m} && user = {:u} && emoji = {:e}", { m: m.id, u: me, e: emoji }), { requestKey: null });
      await pb.collection("reactions").delete(found.id, { requestKey: null });
    } else {
      await pb.collection("reactions").create({ message: m.id, emoji }, { requestKey: null });
    }
    el._reactors.delete(m.id);
  } catch (err) {
    el._error = describe(err);
    el.requestUpdate();
  }
}

export async function moreReactions(el, m) {
  el._menu = null;
  const emoji = await pickEmoji(el);
  if (emoji) react(el, m, emoji);
}

/** Loads who reacted to m, for the chips' titles. */
export async function whoReacted(el, m) {
  if (el._reactors.has(m.id)) return;
  el._reactors.set(m.id, new Map());
  try {
    const pb = el.client;
    const items = await pb.collection("reactions").getFullList({ filter: pb.filter("message = {:m}", { m: m.id }), expand: "user", requestKey: null, batch: 100 });
    const by = new Map();
    for (const r of items) by.set(r.emoji, [...(by.get(r.emoji) || []), r.user === el.session.me ? t("You") : r.expand?.user?.name || t("Someone")]);
    el._reactors.set(m.id, by);
    el.requestUpdate();
  } catch {
    el._reactors.delete(m.id);
  }
}

/** The dialog of the conversation's pinned messages: each opens where it is. */
export function pinsView(el) {
  const pins = el._pins?.state.pins || [];
  const close = () => el.renderRoot.querySelector("dialog.pins")?.close();
  const go = (id) => {
    close();
    el.reveal(id);
  };
  return html`<dialog class="pins" aria-labelledby="pins-title">
    <div class="body">
      <h2 id="pins-title">${t("Pinned messages")}</h2>
      <ul class="plain" aria-label=${t("Pinned messages")}>
        ${pins.map((p) => {
          const m = p.expand?.message;
          return html`<li>
            <button type="button" class="link" @click=${() => go(p.message)}>${m ? previewOf(m) || t("an attachment") : t("a message")}</button>
          </li>`;
        })}
      </ul>
      <div class="actions"><button type="button" @click=${close}>${t("Close")}</button></div>
    </div>
  </dialog>`;
}
