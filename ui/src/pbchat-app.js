// <pbchat-app>: the whole chat: sign-in and sign-up while signed out; then
// the inbox beside the open conversation (one or the other on a phone),
// with an address per conversation (#conversation=<id>: Back, Forward,
// reload and shared links open it) and one for invite links
// (#join=<token>), search and the quick switcher
// (Ctrl/Cmd+K), your profile and settings, the unread count in the page's
// title, and notifications. The standalone web app is this element.

import { css, html, nothing } from "lit";

import { SessionElement } from "./session-element.js";
import { States } from "../../pb_public/chat-client.js";
import { conversationIn, notifyOf, registerWorker } from "./notifications.js";
import { tokens } from "./styles.js";
import { t } from "./i18n.js";
import "./pbchat-auth.js";
import "./pbchat-inbox.js";
import "./pbchat-conversation.js";
import "./pbchat-search.js";
import "./pbchat-settings.js";
import "./pbchat-profile.js";
import { joinIn } from "./pbchat-join.js";

const stateWords = {
  [States.CONNECTING]: "Connecting…",
  [States.LIVE]: "Live",
  [States.RECONNECTING]: "Reconnecting…",
  [States.OFFLINE]: "Offline",
  [States.UNAUTHORIZED]: "Signed out",
};

export class PbchatApp extends SessionElement {
  static properties = {
    ...SessionElement.properties,
    _selected: { state: true },
    _conn: { state: true },
    _narrow: { state: true },
    _message: { state: true },
    _gone: { state: true },
    _join: { state: true },
  };

  static styles = [
    tokens,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 0;
      }
      .top {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        padding: 0.45rem 0.9rem;
        border-bottom: 1px solid var(--_line);
        background: var(--_raised);
      }
      .brand {
        margin: 0;
        font-size: 1.1rem;
      }
      .conn {
        margin: 0;
        font-size: 0.8rem;
        padding: 0.1rem 0.5rem;
        border-radius: 999px;
        border: 1px solid var(--_line);
        color: var(--_muted);
      }
      .conn[data-state="live"] {
        color: light-dark(#05603a, #6ce9a6);
      }
      .me {
        margin-left: auto;
        display: flex;
        gap: 0.2rem;
        flex-wrap: wrap;
      }
      main {
        flex: 1;
        display: grid;
        grid-template-columns: minmax(15rem, 22rem) 1fr;
        min-height: 0;
      }
      pbchat-inbox {
        border-right: 1px solid var(--_line);
        min-height: 0;
      }
      .placeholder {
        margin: auto;
        color: var(--_muted);
        padding: 2rem;
      }
      .right {
        display: flex;
        min-height: 0;
        min-width: 0;
      }
      .right > * {
        flex: 1;
      }
      :host([narrow]) main {
        grid-template-columns: 1fr;
      }
      :host([narrow][open]) pbchat-inbox,
      :host([narrow][open]) .top,
      :host([narrow]:not([open])) .right {
        display: none;
      }
    `,
  ];

  constructor() {
    super();
    this._selected = conversationIn(globalThis.location?.hash || "");
    this._join = joinIn(globalThis.location?.hash || "");
    this._onHash = () => {
      this._selected = conversationIn(location.hash);
      this._join = joinIn(location.hash);
    };
    this._onKey = (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k" && this.session) {
        e.preventDefault();
        this._search();
      }
    };
    this._media = globalThis.matchMedia?.("(max-width: 700px)");
    this._onMedia = () => (this._narrow = !!this._media?.matches);
    this._onMedia();
    this.addEventListener("pbchat-open", (e) => this._onOpen(e));
  }

  connectedCallback() {
    super.connectedCallback();
    addEventListener("popstate", this._onHash);
    addEventListener("hashchange", this._onHash);
    addEventListener("keydown", this._onKey);
    this._media?.addEventListener("change", this._onMedia);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener("popstate", this._onHash);
    removeEventListener("hashchange", this._onHash);
    removeEventListener("keydown", this._onKey);
    this._media?.removeEventListener("change", this._onMedia);
  }

  run(session) {
    this._message = "";
    this._conn = session.client.state;
    const offs = [
      session.client.on("state", (s) => (this._conn = s)),
      notifyOf(session, (id) => this.open(id)),
      session.inbox.subscribe((s) => {
        this._title(session);
        this._gone = !!this._selected && s.loaded && !session.inbox.row(this._selected);
      }),
    ];
    // the standalone app's own worker (pushes, the app offline); a host's
    // page keeps its own, unless it asks for ours
    if (this.hasAttribute("service-worker")) registerWorker((id) => this.open(id));
    // an old session is checked once: gone (401/403/404), it signs out
    session.pb
      .collection("users")
      .authRefresh({ requestKey: null })
      .catch((err) => {
        if ([401, 403, 404].includes(err?.status)) {
          session.pb.authStore.clear();
          this._message = t("Your session has ended. Please sign in again.");
        }
      });
    return () => offs.forEach((off) => off());
  }

  signedOut() {
    document.title = "pbchat";
  }

  willUpdate(changed) {
    super.willUpdate(changed);
    this.toggleAttribute("narrow", !!this._narrow);
    this.toggleAttribute("open", !!this._selected || !!this._join);
    if (changed.has("_selected") && this.session) {
      const inbox = this.session.inbox;
      this._gone = !!this._selected && inbox.state.loaded && !inbox.row(this._selected);
    }
    if (changed.has("_gone") && this._gone) this._find(this._selected);
  }

  // _find looks for a conversation not among the inbox's first page (an
  // old one, from a link): not ours, it is closed with a word why.
  async _find(id) {
    const row = await this.session?.inbox.refresh(id);
    if (!row && this._selected === id) this._gone = true;
    else this._gone = false;
  }

  _title(session) {
    const n = session.inbox.unread;
    document.title = n ? `(${n > 999 ? "999+" : n}) pbchat` : "pbchat";
  }

  /** Opens conversation id (and shows message, if given) at an address of its own. */
  async open(id, message) {
    if (id !== this._selected) {
      history.pushState(null, "", `#conversation=${id}`);
      this._selected = id;
    }
    await this.updateComplete;
    const conv = this.renderRoot.querySelector("pbchat-conversation");
    if (message) await conv?.updateComplete.then(() => conv.reveal(message));
    else conv?.focus();
  }

  _onOpen(e) {
    e.preventDefault(); // the inbox leaves it to us
    this.open(e.detail.conversation, e.detail.message);
  }

  // _back goes to the list (on a phone), as a place of its own: the
  // browser's Back returns to the conversation
  _back() {
    history.pushState(null, "", location.pathname + location.search);
    this._selected = "";
  }

  // _signOut forgets what this device kept for the person, then signs out
  async _signOut() {
    await this.session.forget();
    this.client.authStore.clear();
  }

  _search() {
    this.renderRoot.querySelector("pbchat-search")?.show();
  }

  render() {
    if (!this.session) return html`<pbchat-auth .pb=${this.client} .message=${this._message}></pbchat-auth>`;
    const u = this.session.user || {};
    const sel = this._gone ? "" : this._selected;
    return html`
      <header class="top" part="top">
        <h1 class="brand">pbchat</h1>
        ${stateWords[this._conn] ? html`<p class="conn" role="status" data-state=${this._conn}>${t(stateWords[this._conn])}</p>` : nothing}
        <div class="me">
          <button type="button" class="link" @click=${() => this.renderRoot.querySelector("pbchat-profile").show()}>
            <span class="visually-hidden">${t("Your profile:")} </span><span class="me-name">${u.name || u.email || ""}</span>
          </button>
          <button type="button" class="link" @click=${() => this.renderRoot.querySelector("pbchat-settings").show()}>${t("Settings")}</button>
          <button type="button" class="link" @click=${this._signOut}>${t("Sign out")}</button>
        </div>
      </header>
      <main>
        <pbchat-inbox .pb=${this.client} .selected=${sel}>
          <button slot="actions" type="button" @click=${this._search} title="Ctrl+K">${t("Search")}</button>
        </pbchat-inbox>
        <div class="right">
          ${this._join && !sel
            ? html`<pbchat-join .session=${this.session} token=${this._join}></pbchat-join>`
            : sel
            ? html`<pbchat-conversation .pb=${this.client} conversation=${sel} ?back=${this._narrow} @pbchat-back=${this._back}></pbchat-conversation>`
            : html`<p class="placeholder">${this._gone ? t("That conversation isn’t here: you may have left it, or it was deleted.") : t("Pick a conversation, or start a new one.")}</p>`}
        </div>
      </main>
      <pbchat-search .session=${this.session} conversation=${sel || ""}></pbchat-search>
      <pbchat-settings .session=${this.session}></pbchat-settings>
      <pbchat-profile .session=${this.session}></pbchat-profile>
    `;
  }
}
