// <pbchat-inbox>: one person's conversations, newest activity first, each
// with its picture, the time and start of its last message, their unread
// count and mentions, kept live; the invitations waiting for me above
// them (accept, decline, or decline and block its sender); a filter by
// title; "New" starts a conversation. Picking one fires pbchat-open ({conversation}); the unread
// total fires pbchat-unread ({total}) whenever it changes, for the host's
// own badges. Give it the host's PocketBase client (inbox.pb = pb), or a
// base-url.

import { css, html, nothing } from "lit";

import { SessionElement } from "./session-element.js";
import { isMuted } from "./inbox-store.js";
import { avatar } from "./avatar.js";
import { tokens } from "./styles.js";
import { describe } from "./errors.js";
import { list, t, when } from "./i18n.js";
import "./pbchat-new-conversation.js";

export class PbchatInbox extends SessionElement {
  static properties = {
    ...SessionElement.properties,
    selected: { type: String, reflect: true },
    _state: { state: true },
    _people: { state: true },
    _filter: { state: true },
    _invitations: { state: true },
    _invError: { state: true },
  };

  static styles = [
    tokens,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        padding: 0.6rem 0.75rem 0.4rem;
      }
      h2 {
        flex: 1;
        margin: 0;
        font-size: 1.05rem;
      }
      .filter {
        margin: 0 0.75rem 0.5rem;
      }
      nav {
        flex: 1;
        overflow-y: auto;
      }
      .row {
        all: unset;
        box-sizing: border-box;
        display: grid;
        grid-template-columns: auto 1fr auto;
        gap: 0.1rem 0.6rem;
        width: 100%;
        padding: 0.55rem 0.75rem;
        cursor: pointer;
      }
      .row:hover {
        background: var(--_hover);
      }
      .row:focus-visible {
        outline: 2px solid var(--_accent);
        outline-offset: -2px;
      }
      .row[aria-current="true"] {
        background: var(--_selected);
      }
      .pic {
        position: relative;
        grid-row: 1 / span 2;
        align-self: center;
      }
      .title {
        font-weight: 600;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .time {
        color: var(--_muted);
        font-size: 0.78rem;
        justify-self: end;
      }
      .preview {
        color: var(--_muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .badges {
        display: flex;
        gap: 0.25rem;
        justify-self: end;
      }
      .badge {
        min-width: 1.35rem;
        padding: 0 0.4rem;
        border-radius: 999px;
        background: var(--_accent);
        color: var(--_on-accent);
        font-size: 0.78rem;
        font-weight: 600;
        text-align: center;
        line-height: 1.35rem;
      }
      .row.muted-conv .badge.unread {
        background: var(--_muted);
      }
      .empty {
        padding: 1rem;
        color: var(--_muted);
      }
      .invitations {
        padding: 0.5rem 0.75rem;
        border-bottom: 1px solid var(--_line);
      }
      .invitations h3 {
        margin: 0.25rem 0;
        font-size: 0.95rem;
      }
      .invitations li {
        padding: 0.4rem 0;
      }
      .invitations p {
        margin: 0 0 0.35rem;
      }
      .invitations .actions {
        justify-content: flex-start;
        flex-wrap: wrap;
      }
    `,
  ];

  constructor() {
    super();
    this._state = { rows: [], loading: false, error: "" };
    this._people = null;
    this._filter = "";
    this._total = -1;
    this._invitations = [];
    this._invError = "";
  }

  run(session) {
    const offs = [
      session.inbox.subscribe((s) => {
        this._state = s;
        this._announce(session.inbox.unread);
      }),
      session.people.subscribe((p) => (this._people = p)),
      session.safety.subscribe((s) => (this._invitations = s.invitations)),
    ];
    return () => offs.forEach((off) => off());
  }

  signedOut() {
    this._state = { rows: [], loading: false, error: "" };
    this._invitations = [];
    this._announce(0);
  }

  _announce(total) {
    if (total === this._total) return;
    this._total = total;
    this.emit("unread", { total });
  }

  /** Opens conversation id, as a pick does: the host hears of it first and may handle it. */
  open(id) {
    if (!this.emit("open", { conversation: id })) return;
    this.selected = id;
  }

  // _scrolled loads older conversations as the list nears its end
  _scrolled(e) {
    const nav = e.currentTarget;
    if (nav.scrollHeight - nav.scrollTop - nav.clientHeight < 200) this.session?.inbox.loadMore();
  }

  _newConversation() {
    this.renderRoot.querySelector("pbchat-new-conversation")?.show();
  }

  render() {
    const { rows, loading, error } = this._state;
    const f = this._filter.trim().toLowerCase();
    const shown = f ? rows.filter((r) => r.title.toLowerCase().includes(f)) : rows;
    return html`
      <div class="head" part="head">
        <h2>${t("Conversations")}</h2>
        <slot name="actions"></slot>
        ${this.session ? html`<button type="button" class="primary" @click=${this._newConversation}>${t("New")}</button>` : nothing}
      </div>
      ${rows.length > 4
        ? html`<input
            class="filter"
            type="search"
            aria-label=${t("Filter conversations")}
            placeholder=${t("Filter conversations")}
            .value=${this._filter}
            @input=${(e) => (this._filter = e.target.value)}
          />`
        : nothing}
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      ${this._invitations.length
        ? html`<section class="invitations" aria-label=${t("Invitations")} part="invitations">
            <h3>${t("Invitations")}</h3>
            <ul class="plain">
              ${this._invitations.map((i) => this._invitation(i))}
            </ul>
            ${this._invError ? html`<p class="error" role="alert">${this._invError}</p>` : nothing}
          </section>`
        : nothing}
      <nav aria-label=${t("Conversations")} part="list" @scroll=${this._scrolled}>
        ${shown.length
          ? html`<ul class="plain">
              ${shown.map((r) => this._row(r))}
            </ul>`
          : html`<p class="empty">
              ${!this.session ? t("Sign in to see your conversations.") : loading && !rows.length ? t("Loading…") : f ? t("No conversation matches.") : t("No conversations yet. Start one with “New”.")}
            </p>`}
      </nav>
      ${this.session ? html`<pbchat-new-conversation .session=${this.session} @pbchat-created=${(e) => this.open(e.detail.conversation)}></pbchat-new-conversation>` : nothing}
    `;
  }

  _invitation(i) {
    const inviter = i.expand?.inviter?.name || t("Someone");
    const title = i.title || list((i.heroes || []).filter((h) => h.id !== i.inviter).map((h) => h.name));
    const act = async (fn) => {
      try {
        this._invError = "";
        await fn();
      } catch (err) {
        this._invError = describe(err);
      }
    };
    return html`<li>
      <p>
        ${title ? t("{inviter} invited you to {title}", { inviter, title }) : t("{inviter} wants to talk with you", { inviter })}
        ${i.members > 1 ? html`<span class="muted">· ${t("{n} members", { n: i.members })}</span>` : nothing}
      </p>
      <div class="actions">
        <button type="button" class="primary" @click=${() => act(async () => this.open(await this.session.accept(i.id)))}>${t("Accept")}</button>
        <button type="button" @click=${() => act(() => this.session.safety.decline(i.id))}>${t("Decline")}</button>
        <button type="button" class="danger" @click=${() => act(() => this.session.safety.decline(i.id, true))}>${t("Decline and block")}</button>
      </div>
    </li>`;
  }

  _row(r) {
    const people = this.session?.people;
    const heroes = r.record.heroes || [];
    const other = !r.record.title && heroes.length === 1 ? heroes[0] : null;
    const online = other && people?.online(other.id);
    const muted = isMuted(r.member);
    const count = r.unread > 99 ? "99+" : String(r.unread);
    return html`<li>
      <button type="button" class="row ${muted ? "muted-conv" : ""}" part="row" aria-current=${r.id === this.selected ? "true" : "false"} data-id=${r.id} @click=${() => this.open(r.id)}>
        <span class="pic">${avatar(other ? people?.user(other.id) || other : { id: r.id, name: r.title }, this.client.baseURL)}${online ? html`<span class="dot"></span>` : nothing}</span>
        <span class="title">${r.title}</span>
        <time class="time" datetime=${r.lastMessageAt}>${when(r.lastMessageAt)}</time>
        <span class="preview">${r.preview ? (r.author ? `${r.author}: ${r.preview}` : r.preview) : t("No messages yet")}</span>
        <span class="badges">
          ${r.mentions ? html`<span class="badge mention-badge" aria-hidden="true">@</span>` : nothing}
          ${r.unread ? html`<span class="badge unread" aria-hidden="true">${count}</span>` : nothing}
        </span>
        <span class="visually-hidden"
          >${[r.unread ? t("{n} unread", { n: r.unread }) : "", r.mentions ? t("mentions you") : "", online ? t("online") : "", muted ? t("muted") : ""]
            .filter(Boolean)
            .map((s) => `, ${s}`)
            .join("")}</span
        >
      </button>
    </li>`;
  }
}
