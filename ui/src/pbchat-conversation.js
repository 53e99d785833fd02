// <pbchat-conversation conversation="…">: one conversation's messages, kept
// live, and a composer: Enter sends, Shift+Enter starts a new line, a send
// that fails says why and can be retried (the message's id is chosen here,
// so a retry never stores it twice), the draft is kept per conversation
// across reloads. Reading it moves the person's read state. Give it the
// host's PocketBase client (el.pb = pb).

import { LitElement, css, html, nothing } from "lit";

import { newId } from "../../pb_public/chat-client.js";
import { ConversationStore } from "./conversation-store.js";
import { bind, follow, meOf } from "./connection.js";

const PAGE = 50;

export class PbchatConversation extends LitElement {
  static properties = {
    pb: { attribute: false },
    conversation: { type: String },
    _state: { state: true },
  };

  static styles = css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 12rem;
      font: inherit;
      color: var(--pbchat-text, #1c2430);
      background: var(--pbchat-surface, #fff);
    }
    ol {
      flex: 1;
      list-style: none;
      margin: 0;
      padding: 0.5rem 0.9rem;
      overflow-y: auto;
    }
    li {
      margin: 0.35rem 0;
    }
    .who {
      font-weight: 600;
      margin-right: 0.4rem;
    }
    time,
    .status {
      color: var(--pbchat-muted, #475467);
      font-size: 0.85rem;
    }
    .text {
      margin: 0.1rem 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .failed .status {
      color: var(--pbchat-danger, #b42318);
    }
    form {
      display: flex;
      gap: 0.5rem;
      padding: 0.6rem 0.9rem;
      border-top: 1px solid var(--pbchat-line, #e3e7ee);
    }
    textarea {
      flex: 1;
      font: inherit;
      resize: none;
      padding: 0.45rem 0.6rem;
      border: 1px solid var(--pbchat-line, #c9d0db);
      border-radius: 0.4rem;
    }
    button {
      font: inherit;
      padding: 0.45rem 0.9rem;
      border: 0;
      border-radius: 0.4rem;
      background: var(--pbchat-accent, #1d4ed8);
      color: #fff;
      cursor: pointer;
    }
    .link {
      background: none;
      color: var(--pbchat-accent, #1d4ed8);
      padding: 0 0.3rem;
    }
    .empty,
    .error {
      padding: 1rem;
      color: var(--pbchat-muted, #475467);
    }
  `;

  constructor() {
    super();
    this._state = null;
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
    if ((changed.has("pb") || changed.has("conversation")) && this.isConnected && this._for !== `${this.pb ? meOf(this.pb) : ""}/${this.conversation}`) {
      this._start();
    }
    if (changed.has("_state")) {
      const list = this.renderRoot.querySelector("ol");
      if (list) list.scrollTop = list.scrollHeight;
    }
  }

  _start() {
    this._stop();
    this._stop = () => {};
    const pb = this.pb;
    const id = this.conversation;
    this._for = `${pb ? meOf(pb) : ""}/${id}`;
    if (!pb || !id) return;
    this._stop = follow(pb, {
      signedOut: () => {
        this._state = null;
        this._store = this._member = null;
      },
      session: (client) => {
        const store = new ConversationStore({
          id,
          me: meOf(pb),
          newId,
          drafts: globalThis.localStorage,
          page: async () =>
            (
              await pb.collection("messages").getList(1, PAGE, {
                filter: pb.filter("conversation = {:id}", { id }),
                sort: "-created,-id",
                expand: "author",
                skipTotal: 1,
              })
            ).items,
          send: (body) => pb.collection("messages").create(body, { expand: "author" }),
        });
        this._store = store;
        this._member = null;
        // my member record, to move my read state as I read
        pb.collection("conversations")
          .getOne(id)
          .then((c) => {
            if (this._store !== store) return;
            this._member = c.member || null;
            this._read(store);
          })
          .catch(() => {});
        const unbind = bind(client, store, (state) => {
          this._state = state;
          this._read(store);
        });
        return () => {
          unbind();
          this._store = this._member = null;
        };
      },
    });
  }

  // _stop ends what _start started; _start sets it
  _stop() {}

  // _read moves the read state to the newest message by others, while the
  // page is visible: the server keeps it, so every device agrees.
  _read(store) {
    const m = store.newestByOthers;
    const member = this._member;
    if (!m || !member || (member.lastReadAt && member.lastReadAt >= m.created)) return;
    if (globalThis.document?.visibilityState === "hidden") return;
    member.lastReadAt = m.created;
    this.pb.collection("members").update(member.id, { lastReadAt: m.created }).catch(() => {});
  }

  _keydown(e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this._store?.send();
    }
  }

  _submit(e) {
    e.preventDefault();
    this._store?.send();
  }

  render() {
    const s = this._state;
    if (!s) return html`<p class="empty">Pick a conversation.</p>`;
    const me = meOf(this.pb);
    return html`
      ${s.error ? html`<p class="error" role="alert">${s.error}</p>` : nothing}
      <ol aria-label="Messages" aria-live="polite">
        ${s.messages.map(
          (m) => html`<li>
            <span class="who">${m.author === me ? "You" : m.expand?.author?.name || "Someone"}</span>
            <time datetime=${m.created}>${time(m.created)}</time>
            <p class="text">${m.text}</p>
          </li>`,
        )}
        ${s.pending.map(
          (p) => html`<li class=${p.error ? "failed" : "pending"}>
            <span class="who">You</span>
            <span class="status">${p.error ? "Not sent" : "Sending…"}</span>
            <p class="text">${p.text}</p>
            ${p.error
              ? html`<p class="status" role="alert">
                  ${p.error}
                  <button type="button" class="link" @click=${() => this._store?.retry(p.id)}>Retry</button>
                  <button type="button" class="link" @click=${() => this._store?.discard(p.id)}>Discard</button>
                </p>`
              : nothing}
          </li>`,
        )}
      </ol>
      <form @submit=${this._submit}>
        <textarea
          rows="2"
          aria-label="Message"
          placeholder="Write a message"
          .value=${s.draft}
          @input=${(e) => this._store?.setDraft(e.target.value)}
          @keydown=${this._keydown}
        ></textarea>
        <button type="submit">Send</button>
      </form>
    `;
  }
}

function time(created) {
  const d = new Date(String(created).replace(" ", "T"));
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
