// <pbchat-inbox>: one person's conversations, newest activity first, each
// with the start of its last message and their unread count, kept live.
// Give it the host's PocketBase client (inbox.pb = pb): it signs in and out
// with it. Picking a conversation fires pbchat-open ({conversation}); the
// unread total fires pbchat-unread ({total}) whenever it changes, for the
// host's own badges.

import { LitElement, css, html, nothing } from "lit";

import { InboxStore } from "./inbox-store.js";
import { bind, follow, meOf } from "./connection.js";

export class PbchatInbox extends LitElement {
  static properties = {
    pb: { attribute: false },
    selected: { type: String, reflect: true },
    _state: { state: true },
  };

  static styles = css`
    :host {
      display: block;
      font: inherit;
      color: var(--pbchat-text, #1c2430);
      background: var(--pbchat-surface, #fff);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    button {
      all: unset;
      box-sizing: border-box;
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.15rem 0.5rem;
      width: 100%;
      padding: 0.6rem 0.9rem;
      cursor: pointer;
      border-bottom: 1px solid var(--pbchat-line, #e3e7ee);
    }
    button:hover {
      background: var(--pbchat-hover, #f3f5f9);
    }
    button:focus-visible {
      outline: 2px solid var(--pbchat-accent, #1d4ed8);
      outline-offset: -2px;
    }
    button[aria-current="true"] {
      background: var(--pbchat-selected, #e6edfb);
    }
    .title {
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .preview {
      grid-column: 1;
      color: var(--pbchat-muted, #475467);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .badge {
      grid-column: 2;
      grid-row: 1 / span 2;
      align-self: center;
      min-width: 1.4rem;
      padding: 0 0.4rem;
      border-radius: 999px;
      background: var(--pbchat-accent, #1d4ed8);
      color: #fff;
      font-size: 0.8rem;
      font-weight: 600;
      text-align: center;
      line-height: 1.4rem;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .empty,
    .error {
      padding: 1rem;
      color: var(--pbchat-muted, #475467);
    }
  `;

  constructor() {
    super();
    this._state = { rows: [], loading: false, error: "" };
    this._total = -1;
  }

  connectedCallback() {
    super.connectedCallback();
    this._start();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._stop();
  }

  updated(changed) {
    if (changed.has("pb") && this.isConnected) this._start();
  }

  _start() {
    this._stop();
    this._stop = () => {};
    const pb = this.pb;
    if (!pb) return;
    this._stop = follow(pb, {
      signedOut: () => {
        this._state = { rows: [], loading: false, error: "" };
        this._announce(0);
      },
      session: (client) => {
        const store = new InboxStore({
          me: meOf(pb),
          page: async () =>
            (await pb.collection("conversations").getList(1, 50, { sort: "-lastMessageAt", expand: "lastMessage.author", skipTotal: 1 }))
              .items,
          one: (id) => pb.collection("conversations").getOne(id, { expand: "lastMessage.author" }),
        });
        return bind(client, store, (state) => {
          this._state = state;
          this._announce(store.unread);
        });
      },
    });
  }

  // _stop ends what _start started; _start sets it
  _stop() {}

  _announce(total) {
    if (total === this._total) return;
    this._total = total;
    this.dispatchEvent(new CustomEvent("pbchat-unread", { detail: { total }, bubbles: true, composed: true }));
  }

  _open(id) {
    this.selected = id;
    this.dispatchEvent(new CustomEvent("pbchat-open", { detail: { conversation: id }, bubbles: true, composed: true }));
  }

  render() {
    const { rows, loading, error } = this._state;
    if (error) return html`<p class="error" role="alert">${error}</p>`;
    if (!rows.length) return html`<p class="empty">${loading ? "Loading…" : "No conversations yet."}</p>`;
    return html`<nav aria-label="Conversations">
      <ul>
        ${rows.map(
          (r) => html`<li>
            <button type="button" aria-current=${r.id === this.selected ? "true" : "false"} @click=${() => this._open(r.id)}>
              <span class="title">${r.title}</span>
              <span class="preview">${r.author && r.preview ? `${r.author}: ${r.preview}` : r.preview}</span>
              ${r.unread
                ? html`<span class="badge"
                    ><span aria-hidden="true">${r.unread > 99 ? "99+" : r.unread}</span
                    ><span class="visually-hidden"
                      >, ${r.unread} unread</span
                    ></span
                  >`
                : nothing}
            </button>
          </li>`,
        )}
      </ul>
    </nav>`;
  }
}
