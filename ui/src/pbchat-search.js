// <pbchat-search>: search as you type, over conversation titles, people
// and messages (words are prefixes unless quoted: "dep" finds "deploy"),
// optionally only in the open conversation or from one person. Picking a result fires
// pbchat-open ({conversation, message?}); a person opens your direct
// conversation with them, started if there is none. Used by <pbchat-app>.

import { LitElement, css, html, nothing } from "lit";

import { findPeople } from "./people-search.js";
import { describe } from "./errors.js";
import { tokens } from "./styles.js";
import { stamp, t } from "./i18n.js";

/** What a person typed, as the server's search reads it: each bare word a prefix. */
export function prefixed(q) {
  return q.replace(/"[^"]*"?|[^\s"]+/g, (w) => (w.startsWith('"') || w.endsWith("*") || /^(or|and|not)$/i.test(w) ? w : w + "*"));
}

export class PbchatSearch extends LitElement {
  static properties = {
    session: { attribute: false },
    conversation: { type: String },
    _q: { state: true },
    _here: { state: true },
    _from: { state: true },
    _messages: { state: true },
    _people: { state: true },
    _total: { state: true },
    _error: { state: true },
  };

  static styles = [
    tokens,
    css`
      dialog {
        width: min(40rem, calc(100vw - 2rem));
      }
      h3 {
        margin: 0.4rem 0 0.2rem;
        font-size: 0.9rem;
        color: var(--_muted);
      }
      li button {
        display: grid;
        width: 100%;
        text-align: left;
        border: 0;
        background: none;
        gap: 0.1rem;
      }
      li button:hover {
        background: var(--_hover);
      }
      .where {
        font-size: 0.8rem;
        color: var(--_muted);
      }
      mark {
        background: var(--_flash);
        color: inherit;
      }
    `,
  ];

  show() {
    this._q = "";
    this._from = "";
    this._messages = [];
    this._people = [];
    this._total = -1;
    this._error = "";
    this.requestUpdate();
    this.updateComplete.then(() => {
      const d = this.renderRoot.querySelector("dialog");
      d.showModal();
      const input = d.querySelector("input[type=search]");
      input.value = "";
      input.focus();
    });
  }

  _input(e) {
    this._q = e.target.value;
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._run(), 150);
  }

  async _run() {
    const q = this._q.trim();
    this._error = "";
    if (!q) {
      this._messages = this._people = [];
      this._total = -1;
      return;
    }
    const pb = this.session.pb;
    const query = { q: prefixed(q), perPage: 30 };
    if (this._here && this.conversation) query.conversation = this.conversation;
    if (this._from) query.author = this._from;
    try {
      const narrowed = this._here || this._from;
      const [res, people] = await Promise.all([pb.send("/api/chat/search", { method: "GET", query, requestKey: null }), narrowed ? [] : findPeople(this.session, q)]);
      if (this._q.trim() !== q) return; // typed on
      this._messages = res.items;
      this._total = res.totalItems;
      this._people = people;
    } catch (err) {
      this._error = describe(err);
    }
  }

  _go(detail) {
    this.renderRoot.querySelector("dialog").close();
    this.dispatchEvent(new CustomEvent("pbchat-open", { detail, bubbles: true, composed: true }));
  }

  async _person(u) {
    try {
      this._go({ conversation: await this.session.startWith([u.id]) });
    } catch (err) {
      this._error = describe(err);
    }
  }

  render() {
    const q = (this._q || "").trim().toLowerCase();
    const rows = q && !this._here && !this._from ? (this.session?.inbox.state.rows || []).filter((r) => r.title.toLowerCase().includes(q)).slice(0, 5) : [];
    const people = this.session ? [...this.session.people.state.users.values()].filter((u) => u.name).sort((a, b) => a.name.localeCompare(b.name)) : [];
    return html`<dialog aria-labelledby="search-title" part="dialog">
      <div class="body">
        <h2 id="search-title">${t("Search")}</h2>
        <label>${t("Messages, conversations and people")} <input type="search" autocomplete="off" @input=${this._input} /></label>
        ${this.conversation
          ? html`<label class="check"><input type="checkbox" .checked=${!!this._here} @change=${(e) => ((this._here = e.target.checked), this._run())} /> ${t("Only the open conversation")}</label>`
          : nothing}
        <label
          >${t("From")}
          <select @change=${(e) => ((this._from = e.target.value), this._run())}>
            <option value="" ?selected=${!this._from}>${t("Anyone")}</option>
            ${people.map((u) => html`<option value=${u.id} ?selected=${this._from === u.id}>${u.id === this.session.me ? t("You") : u.name}</option>`)}
          </select></label
        >
        <p class="muted" role="status">${this._total < 0 ? "" : this._total === 1 ? t("1 message found") : this._total ? t("{n} messages found", { n: this._total }) : rows.length || this._people?.length ? "" : t("Nothing found.")}</p>
        <p class="error" role="alert">${this._error || ""}</p>
        ${rows.length
          ? html`<h3>${t("Conversations")}</h3>
              <ul class="plain" aria-label=${t("Conversations found")}>
                ${rows.map((r) => html`<li><button type="button" @click=${() => this._go({ conversation: r.id })}>${r.title}</button></li>`)}
              </ul>`
          : nothing}
        ${this._people?.length
          ? html`<h3>${t("People")}</h3>
              <ul class="plain" aria-label=${t("People found")}>
                ${this._people.map((u) => html`<li><button type="button" @click=${() => this._person(u)}>${u.name}</button></li>`)}
              </ul>`
          : nothing}
        ${this._messages?.length
          ? html`<h3>${t("Messages")}</h3>
              <ul class="plain search-results" aria-label=${t("Messages found")}>
                ${this._messages.map((m) => this._result(m))}
              </ul>`
          : nothing}
        <div class="actions"><button type="button" @click=${() => this.renderRoot.querySelector("dialog").close()}>${t("Close")}</button></div>
      </div>
    </dialog>`;
  }

  _result(m) {
    const row = this.session.inbox.row(m.conversation);
    return html`<li>
      <button type="button" @click=${() => this._go({ conversation: m.conversation, message: m.id })}>
        <span class="where">${row?.title || t("A conversation")} · ${m.expand?.author?.name || ""} · ${stamp(m.created)}</span>
        <span>${marked(m.snippet || m.text || "", m.highlights || [])}</span>
      </button>
    </li>`;
  }
}

// marked puts the snippet in as text, with each match in a <mark>.
function marked(text, ranges) {
  const out = [];
  let last = 0;
  for (const [start, end] of ranges) {
    if (start > last) out.push(text.slice(last, start));
    out.push(html`<mark>${text.slice(start, end)}</mark>`);
    last = end;
  }
  out.push(text.slice(last));
  return out;
}

if (!customElements.get("pbchat-search")) customElements.define("pbchat-search", PbchatSearch);
