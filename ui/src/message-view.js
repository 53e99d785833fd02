// message-view.js: how one message looks in a timeline: its author and
// picture (once for a run of theirs), time, "edited", the quote it replies
// to, its text with links, attachments, reactions with who reacted, and
// "Seen by" under my latest. Text from the server is always put in as text
// (Lit escapes it), never as HTML.

import { html, nothing } from "lit";

import { avatar } from "./avatar.js";
import { displayName, formatSize, isImage, linkParts } from "./format.js";
import { clock, list, stamp, t } from "./i18n.js";

/**
 * @param {object} v what the view needs: me, people, base, fileUrl(m, name, thumb), editing ({id}),
 *   and the handlers menu(m, anchor), jump(id), react(m, emoji), saveEdit(m, text), cancelEdit(), open(m, name), show(m) (a withheld message, whole), history(m)
 */
export function messageView(v, m, { grouped, receipt }) {
  const mine = m.author === v.me;
  const author = mine ? t("You") : m.expand?.author?.name || v.people.nameOf(m.author);
  const edited = m.updated && m.updated !== m.created;
  const mentionsMe = !mine && (m.mentions || []).includes(v.me);
  const cls = ["msg", mine && "mine", grouped && "grouped", mentionsMe && "mentions-me", v.flash === m.id && "flash"].filter(Boolean).join(" ");
  return html`<li
    class=${cls}
    data-id=${m.id}
    @contextmenu=${(e) => {
      e.preventDefault();
      v.menu(m, e.currentTarget.querySelector(".more"));
    }}
  >
    ${grouped ? html`<span class="gutter"></span>` : avatar(v.people.user(m.author) || m.expand?.author || { id: m.author, name: author }, v.base)}
    <div class="body">
      <div class="meta">
        ${grouped ? nothing : html`<span class="author">${author}</span>`}
        ${!grouped && v.people.user(m.author)?.suspended ? html`<span class="edited">${t("suspended")}</span>` : nothing}
        <time datetime=${m.created} title=${stamp(m.created)}>${clock(m.created)}</time>
        ${edited && !m.removed ? html`<button type="button" class="link edited" aria-label=${t("edited: show what it said before")} @click=${() => v.history(m)}>${t("edited")}</button>` : nothing}
        <button type="button" class="more" aria-haspopup="menu" aria-label=${t("Actions for the message by {name}", { name: author })} @click=${(e) => v.menu(m, e.currentTarget)}>⋯</button>
      </div>
      ${m.reply?.id ? quoteView(v, m.reply) : nothing}
      ${m.removed
        ? html`<p class="withheld">${t("Removed by a moderator")}</p>`
        : m.withheld
        ? html`<p class="withheld">
            ${m.withheld === "reported" ? t("A message you reported") : t("A message from someone you blocked")}
            <button type="button" class="link" @click=${() => v.show(m)}>${t("Show")}</button>
          </p>`
        : v.editing?.id === m.id
        ? editor(v, m)
        : m.text
          ? html`<p class="msg-text">${linkParts(m.text).map((p) => (p.href ? html`<a href=${p.href} target="_blank" rel="noopener noreferrer">${p.text}</a>` : p.text))}</p>`
          : nothing}
      ${m.attachments?.length ? files(v, m) : nothing}
      ${m.reactions?.length ? reactions(v, m) : nothing}
      ${receipt ? html`<p class="receipt">${receipt}</p>` : nothing}
    </div>
  </li>`;
}

function quoteView(v, q) {
  if (q.deleted) return html`<p class="quote deleted">${t("Replying to a deleted message")}</p>`;
  if (q.removed) return html`<p class="quote deleted">${t("Replying to a message a moderator removed")}</p>`;
  if (q.withheld) return html`<p class="quote deleted">${t("Replying to a message from someone you blocked")}</p>`;
  const who = q.author === v.me ? t("You") : q.authorName || t("Someone");
  return html`<button type="button" class="quote" @click=${() => v.jump(q.id)}>
    <span class="visually-hidden">${t("Go to the message replied to:")} </span><span class="quote-author">${who}</span>
    <span class="quote-text">${q.text || (q.files ? t("an attachment") : "")}</span>
  </button>`;
}

function editor(v, m) {
  const save = (area) => v.saveEdit(m, area.value);
  return html`<div class="editing">
    <textarea
      class="edit-text"
      aria-label=${t("Edit message")}
      rows="2"
      .value=${v.editing.text ?? m.text}
      @input=${(e) => (v.editing.text = e.target.value)}
      @keydown=${(e) => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
          e.preventDefault();
          save(e.target);
        } else if (e.key === "Escape") {
          e.preventDefault();
          v.cancelEdit();
        }
      }}
    ></textarea>
    <div class="actions">
      <button type="button" @click=${() => v.cancelEdit()}>${t("Cancel")}</button>
      <button type="button" class="primary" @click=${(e) => save(e.target.closest(".editing").querySelector("textarea"))}>${t("Save")}</button>
    </div>
    <p class="error" role="alert">${v.editing.error || ""}</p>
  </div>`;
}

function files(v, m) {
  return html`<div class="msg-files">
    ${m.attachments.map((name) => {
      const info = (m.files || []).find((f) => f.name === name);
      const shown = info?.original || displayName(name);
      const size = info ? ` (${formatSize(info.size)})` : "";
      const url = v.fileUrl(m, name);
      if (!url) return html`<span class="file">${shown}</span>`;
      if (isImage(name)) {
        return html`<a href=${url} target="_blank" rel="noopener noreferrer" @click=${(e) => v.open(e, m, name)}
          ><img src=${v.fileUrl(m, name, "480x0")} alt=${shown + size} title=${shown + size} loading="lazy" @load=${v.imageLoaded}
        /></a>`;
      }
      return html`<a class="file" href=${url} target="_blank" rel="noopener noreferrer" download=${shown}>📎 ${shown}${size}</a>`;
    })}
  </div>`;
}

function reactions(v, m) {
  return html`<div class="reactions">
    ${m.reactions.map((r) => {
      const who = v.reactors(m, r); // names, once pointed at or focused
      return html`<button
        type="button"
        class="chip ${r.mine ? "mine" : ""}"
        aria-pressed=${String(!!r.mine)}
        title=${who || `${r.emoji} ${r.count}`}
        aria-label=${who ? `${r.emoji} ${r.count}: ${who}` : `${r.emoji} ${r.count}`}
        @mouseenter=${() => v.whoReacted(m)}
        @focus=${() => v.whoReacted(m)}
        @click=${() => v.react(m, r.emoji)}
      >
        ${r.emoji} ${r.count}
      </button>`;
    })}
  </div>`;
}

/** "Seen", "Seen by Ann", "Seen by Ann, Ben and 3 others": who has read my message. */
export function seenBy(names, memberCount) {
  if (!names.length) return "";
  if (memberCount === 2) return t("Seen");
  const shown = names.slice(0, 3);
  const rest = names.length - shown.length;
  return t("Seen by {names}", { names: list(rest ? [...shown, (rest === 1 ? t("1 other") : t("{n} others", { n: rest }))] : shown) });
}
