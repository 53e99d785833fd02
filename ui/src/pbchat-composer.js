// <pbchat-composer>: writing in one conversation, into its store's draft:
// Enter sends, Shift+Enter starts a new line, @ completes a member's name
// (ArrowUp and ArrowDown choose, Enter or Tab takes),
// files come by the button, by pasting or by dropping, each shown (images
// as pictures) and removable before sending; the reply being written shows
// above. ArrowUp in an empty composer edits my last message (the
// pbchat-edit-last event); Escape drops the reply. Used inside
// <pbchat-conversation>.

import { LitElement, css, html, nothing } from "lit";

import { formatSize } from "./format.js";
import { emojiDialog, pickEmoji } from "./emoji.js";
import { tokens } from "./styles.js";
import { t } from "./i18n.js";

const MAX_FILE = 10 << 20; // the server's limit per attachment
const MAX_FILES = 10;

export class PbchatComposer extends LitElement {
  static properties = {
    store: { attribute: false },
    session: { attribute: false },
    _draft: { state: true },
    _members: { state: true },
    _suggest: { state: true },
    _error: { state: true },
    _dragging: { state: true },
  };

  static styles = [
    tokens,
    css`
      :host {
        display: block;
        padding: 0.5rem 0.75rem 0.75rem;
        border-top: 1px solid var(--_line);
        position: relative;
      }
      :host([dragging]) {
        outline: 2px dashed var(--_accent);
        outline-offset: -4px;
      }
      .row {
        display: flex;
        gap: 0.5rem;
        align-items: flex-end;
      }
      textarea {
        flex: 1;
        resize: none;
        min-height: 2.4rem;
        max-height: 10rem;
        field-sizing: content;
      }
      .attach {
        display: inline-grid;
        place-items: center;
        width: 2.4rem;
        height: 2.4rem;
        border: 1px solid var(--_line);
        border-radius: var(--_radius);
        cursor: pointer;
      }
      .attach input {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
      }
      .attach:focus-within {
        outline: 2px solid var(--_accent);
      }
      .files {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-bottom: 0.5rem;
      }
      .files li {
        display: flex;
        align-items: center;
        gap: 0.35rem;
        padding: 0.25rem 0.4rem;
        border: 1px solid var(--_line);
        border-radius: var(--_radius);
        background: var(--_raised);
        font-size: 0.85rem;
      }
      .files img {
        width: 3rem;
        height: 3rem;
        object-fit: cover;
        border-radius: calc(var(--_radius) / 2);
      }
      .reply {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        margin-bottom: 0.4rem;
        padding: 0.3rem 0.5rem;
        border-left: 3px solid var(--_accent);
        background: var(--_raised);
        font-size: 0.9rem;
      }
      .reply span {
        flex: 1;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .suggest {
        position: absolute;
        bottom: 100%;
        left: 0.75rem;
        min-width: 14rem;
        background: var(--_surface);
        border: 1px solid var(--_line);
        border-radius: var(--_radius);
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
        padding: 0.25rem;
      }
      .suggest button {
        display: block;
        width: 100%;
        text-align: left;
        border: 0;
        background: none;
      }
      .suggest button[aria-selected="true"] {
        background: var(--_selected);
      }
    `,
  ];

  constructor() {
    super();
    this._draft = null;
    this._suggest = null;
    this._error = "";
    this._previews = new Map(); // File → object URL
  }

  willUpdate() {
    if (this.store === this._following) return;
    this._off?.();
    this._following = this.store;
    this._error = "";
    this._suggest = null;
    this._off = this.store?.subscribe((s) => {
      this._draft = s.draft;
      this._members = s.members;
    });
  }

  connectedCallback() {
    super.connectedCallback();
    this.requestUpdate(); // back in a page: follow the store again
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._off?.();
    this._off = this._following = null;
    for (const url of this._previews.values()) URL.revokeObjectURL(url);
    this._previews.clear();
  }

  /** Puts the caret in the composer. */
  focus() {
    this.renderRoot.querySelector("textarea")?.focus();
  }

  _input(e) {
    this.store.setDraft({ text: e.target.value });
    if (e.target.value) this.session?.client.typing(this.store.id);
    this._complete(e.target);
  }

  _keydown(e) {
    if (this._suggest && (e.key === "Enter" || e.key === "Tab")) {
      e.preventDefault();
      return this._choose(this._suggest.found[this._suggest.index]);
    }
    const step = this._suggest && { ArrowDown: 1, ArrowUp: -1 }[e.key];
    if (step) {
      e.preventDefault();
      const n = this._suggest.found.length;
      this._suggest = { ...this._suggest, index: (this._suggest.index + step + n) % n };
      return;
    }
    if (e.key === "Escape") {
      if (this._suggest) this._suggest = null;
      else if (this._draft.replyTo) this.store.setDraft({ replyTo: null });
      return;
    }
    if (e.key === "ArrowUp" && !e.target.value) {
      e.preventDefault();
      this.dispatchEvent(new CustomEvent("pbchat-edit-last", { bubbles: true, composed: true }));
      return;
    }
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this._send();
    }
  }

  async _emoji() {
    const area = this.renderRoot.querySelector("textarea");
    const at = area.selectionStart ?? area.value.length;
    const emoji = await pickEmoji(this);
    if (!emoji) return area.focus();
    const text = area.value.slice(0, at) + emoji + area.value.slice(area.selectionEnd ?? at);
    this.store.setDraft({ text });
    area.value = text;
    area.focus();
    area.setSelectionRange(at + emoji.length, at + emoji.length);
  }

  _send() {
    this._error = "";
    this._suggest = null;
    this.store.send();
  }

  // _complete offers the members whose name starts with what follows the @
  // before the caret.
  _complete(area) {
    const at = area.value.slice(0, area.selectionStart).match(/(?:^|\s)@([\p{L}\p{N}_.-]*)$/u);
    if (!at) return (this._suggest = null);
    const prefix = at[1].toLowerCase();
    const people = this.session.people;
    const found = [...(this._members?.keys() || [])]
      .filter((id) => id !== this.session.me)
      .map((id) => ({ id, name: people.nameOf(id) }))
      .filter((u) => u.name.toLowerCase().startsWith(prefix))
      .slice(0, 8);
    this._suggest = found.length ? { found, typed: at[1].length, index: 0 } : null;
  }

  _choose(u) {
    const area = this.renderRoot.querySelector("textarea");
    const caret = area.selectionStart;
    const handle = `@${u.name}`;
    const start = caret - this._suggest.typed - 1;
    const text = area.value.slice(0, start) + handle + " " + area.value.slice(caret);
    this._suggest = null;
    this.store.setDraft({ text, mentions: [...this._draft.mentions, [handle, u.id]] });
    area.value = text;
    const pos = start + handle.length + 1;
    area.setSelectionRange(pos, pos);
    area.focus();
  }

  /** Takes files (picked, pasted or dropped), refusing at once any the server would. */
  addFiles(list) {
    const files = [...this._draft.files];
    const refused = [];
    for (const f of list) {
      if (f.size > MAX_FILE) refused.push(t("{name} is {size}: the limit is 10 MB.", { name: f.name, size: formatSize(f.size) }));
      else if (files.length >= MAX_FILES) refused.push(t("At most {n} files to a message.", { n: MAX_FILES }));
      else files.push(f);
    }
    this._error = refused.join(" ");
    this.store.setDraft({ files });
  }

  _removeFile(f) {
    URL.revokeObjectURL(this._previews.get(f));
    this._previews.delete(f);
    this.store.setDraft({ files: this._draft.files.filter((x) => x !== f) });
  }

  _preview(f) {
    if (!f.type?.startsWith("image/")) return nothing;
    if (!this._previews.has(f)) this._previews.set(f, URL.createObjectURL(f));
    return html`<img src=${this._previews.get(f)} alt="" />`;
  }

  _paste(e) {
    const files = [...(e.clipboardData?.files || [])];
    if (!files.length) return;
    e.preventDefault();
    this.addFiles(files);
  }

  _drag(e, on) {
    if (![...(e.dataTransfer?.types || [])].includes("Files")) return;
    e.preventDefault();
    this.toggleAttribute("dragging", on);
    if (e.type === "drop") this.addFiles([...e.dataTransfer.files]);
  }

  render() {
    const d = this._draft;
    if (!d) return nothing;
    const people = this.session.people;
    return html`<form
      @submit=${(e) => (e.preventDefault(), this._send())}
      @dragover=${(e) => this._drag(e, true)}
      @dragleave=${(e) => this._drag(e, false)}
      @drop=${(e) => this._drag(e, false)}
    >
      ${this._suggest
        ? html`<ul class="plain suggest" role="listbox" aria-label=${t("People to mention")}>
            ${this._suggest.found.map(
              (u, i) => html`<li><button type="button" role="option" aria-selected=${String(i === this._suggest.index)} @mousedown=${(e) => e.preventDefault()} @click=${() => this._choose(u)}>${u.name}</button></li>`,
            )}
          </ul>`
        : nothing}
      ${d.replyTo
        ? html`<div class="reply">
            <span>${t("Replying to {name}:", { name: d.replyTo.author === this.session.me ? t("yourself") : d.replyTo.authorName || people.nameOf(d.replyTo.author) })} ${d.replyTo.text || t("an attachment")}</span>
            <button type="button" class="link" aria-label=${t("Cancel the reply")} @click=${() => this.store.setDraft({ replyTo: null })}>×</button>
          </div>`
        : nothing}
      ${d.files.length
        ? html`<ul class="plain files" aria-label=${t("Files to send")}>
            ${d.files.map(
              (f) => html`<li>
                ${this._preview(f)}<span>${f.name} (${formatSize(f.size)})</span>
                <button type="button" class="link" aria-label=${t("Remove {name}", { name: f.name })} @click=${() => this._removeFile(f)}>×</button>
              </li>`,
            )}
          </ul>`
        : nothing}
      <p class="error" role="alert">${this._error}</p>
      <div class="row">
        <label class="attach" title=${t("Attach files")}
          ><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M21 11.5l-8.6 8.6a5 5 0 0 1-7.1-7.1l8.6-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9" /></svg
          ><span class="visually-hidden">${t("Attach files")}</span>
          <input type="file" multiple @change=${(e) => (this.addFiles([...e.target.files]), (e.target.value = ""))} />
        </label>
        <textarea
          rows="1"
          aria-label=${t("Message")}
          placeholder=${t("Write a message…")}
          maxlength="10000"
          .value=${d.text}
          @input=${this._input}
          @keydown=${this._keydown}
          @paste=${this._paste}
        ></textarea>
        <button type="button" class="attach" aria-label=${t("Insert an emoji")} title=${t("Insert an emoji")} @click=${this._emoji}>🙂</button>
        <button type="submit" class="primary">${t("Send")}</button>
      </div>
    </form>
    ${emojiDialog()}`;
  }
}

if (!customElements.get("pbchat-composer")) customElements.define("pbchat-composer", PbchatComposer);
