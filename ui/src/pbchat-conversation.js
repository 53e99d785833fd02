// <pbchat-conversation conversation="…">: one conversation, kept live: its
// header (title, who is in it and whether they are online), its timeline
// (older pages on scrolling up, an unread divider and a jump to the first
// unread, "New messages ↓" when something arrives while reading back),
// who is typing, the message menu (react, reply, edit, delete), and a
// composer with a draft of its own. Reading it moves the person's read
// state. Give it the host's PocketBase client (el.pb = pb), or a base-url.

import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";

import { SessionElement } from "./session-element.js";
import { messageView, seenBy } from "./message-view.js";
import { ask, confirmView } from "./confirm.js";
import { reportView } from "./report.js";
import { historyView, showHistory } from "./history.js";
import { describe } from "./errors.js";
import { previewOf } from "./format.js";
import { emojiDialog } from "./emoji.js";
import { header, menuView, pendingView, pinsView, react, whoReacted } from "./conversation-parts.js";
import { imagesOf, lightbox } from "./lightbox.js";
import { tokens } from "./styles.js";
import { conversationStyles } from "./conversation-styles.js";
import { dateOf, day, list, t } from "./i18n.js";
import "./pbchat-composer.js";
import "./pbchat-people.js";

const GROUP_MS = 5 * 60 * 1000; // a run of one person's messages stays grouped
const RECEIPTS_UP_TO = 100; // the largest conversation the server sends read receipts in

export class PbchatConversation extends SessionElement {
  static properties = {
    ...SessionElement.properties,
    conversation: { type: String, reflect: true },
    back: { type: Boolean },
    _s: { state: true },
    _menu: { state: true },
    _editing: { state: true },
    _flash: { state: true },
    _below: { state: true },
    _unreadAbove: { state: true },
    _announce: { state: true },
    _lightbox: { state: true },
  };

  static styles = [tokens, conversationStyles];

  constructor() {
    super();
    this._s = null;
    this._reactors = new Map(); // message id → Map emoji → names
    this._onVisible = () => this._read();
    this._onOutside = (e) => this._menu && !e.composedPath().some((n) => n.classList?.contains("menu") || n.classList?.contains("more")) && this._closeMenu();
  }

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener("visibilitychange", this._onVisible);
    document.addEventListener("pointerdown", this._onOutside);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener("visibilitychange", this._onVisible);
    document.removeEventListener("pointerdown", this._onOutside);
  }

  run(session) {
    const offs = [session.inbox, session.people, session.files, session.safety].map((store) => store.subscribe(() => this.requestUpdate()));
    this._open();
    return () => {
      offs.forEach((off) => off());
      this._unsubscribe?.();
      this._store = this._s = null;
    };
  }

  signedOut() {
    this._s = null;
  }

  willUpdate(changed) {
    super.willUpdate(changed);
    if (changed.has("conversation") && this.session && this._store?.id !== this.conversation) this._open();
    const sc = this._scroller;
    if (sc) {
      this._wasAtBottom = sc.scrollHeight - sc.scrollTop - sc.clientHeight < 80;
      this._fromBottom = sc.scrollHeight - sc.scrollTop;
    }
  }

  get _scroller() {
    return this.renderRoot?.querySelector?.(".scroller");
  }

  get _row() {
    return this.session?.inbox.row(this.conversation) || null;
  }

  _open() {
    // the place read to stays with its conversation, for coming back
    const sc = this._scroller;
    if (this._store && sc) this._store.scrollFromBottom = sc.scrollHeight - sc.scrollTop - sc.clientHeight < 80 ? null : sc.scrollHeight - sc.scrollTop;
    this._unsubscribe?.();
    this._unsubscribe = null;
    this._store = null;
    this._s = null;
    this._menu = this._editing = null;
    this._below = false;
    if (!this.session || !this.conversation) return;
    const store = this.session.conversation(this.conversation);
    this._store = store;
    // a divider only where something was unread when opened: what comes
    // while one reads is not "new"
    const row = this._row;
    store.enter(row?.unread ? row.member?.lastReadAt || "" : "");
    this._toUnread = true;
    this._reached = this._reaching = false;
    let last = store.state.messages.at(-1)?.id;
    let sending = store.state.pending.length;
    this._unsubscribe = store.subscribe((s) => {
      const newest = s.messages.at(-1);
      if (newest && newest.id !== last && last !== undefined && newest.author !== this.session.me) {
        this._announce = `${this.session.people.nameOf(newest.author)}: ${previewOf(newest)}`;
        if (!this._wasAtBottom) this._below = true;
      }
      // what I send is shown where it goes: at the end
      if (s.pending.length > sending) this._toEnd = true;
      sending = s.pending.length;
      last = newest?.id ?? null;
      this._s = s;
    });
    this._pins = this.session.pinsOf(this.conversation);
    const offPins = this._pins.subscribe(() => this.requestUpdate());
    const offStore = this._unsubscribe;
    this._unsubscribe = () => (offStore(), offPins());
  }

  /** Pins message m, or unpins it. */
  _pin(m) {
    this._menu = null;
    const pins = this._pins;
    (pins.pinOf(m.id) ? pins.unpin(m.id) : pins.pin(m.id)).catch((err) => ((this._error = describe(err)), this.requestUpdate()));
  }

  updated() {
    const sc = this._scroller;
    if (!sc || !this._s) return;
    const first = this._firstId;
    this._firstId = this._s.messages[0]?.id;
    if (this._toUnread && this._s.loaded) {
      const unread = this._store.firstUnread;
      // more unread than a page: older pages first, to open at the first
      // (once: a history too long for that opens at its end)
      if (this._reaching) return;
      if (!unread && (this._row?.unread || 0) > 0 && this._s.hasOlder && !this._reached) {
        this._reached = this._reaching = true;
        this._store.reachUnread().finally(() => ((this._reaching = false), this.requestUpdate()));
        return;
      }
      this._toUnread = false;
      const li = unread && this.renderRoot.querySelector(`li.divider`);
      const kept = this._store.scrollFromBottom;
      if (li) li.scrollIntoView({ block: "start" });
      else if (kept && !(this._row?.unread > 0)) sc.scrollTop = sc.scrollHeight - kept;
      else sc.scrollTop = sc.scrollHeight;
    } else if (this._wasAtBottom || this._toEnd) {
      this._toEnd = false;
      sc.scrollTop = sc.scrollHeight;
    } else if (first && this._firstId !== first) {
      sc.scrollTop = sc.scrollHeight - this._fromBottom; // older ones came above: stay put
    }
    this._scrolled();
  }

  _scrolled() {
    const sc = this._scroller;
    if (!sc || !this._s) return;
    const atBottom = sc.scrollHeight - sc.scrollTop - sc.clientHeight < 80;
    if (atBottom && this._below) this._below = false;
    if (sc.scrollTop < 60 && this._s.hasOlder) this._store.loadOlder();
    const divider = this.renderRoot.querySelector("li.divider");
    const above = !!this._store.state.divider && (this._row?.unread || 0) > 0 && (!divider || divider.getBoundingClientRect().bottom < sc.getBoundingClientRect().top);
    if (above !== this._unreadAbove) this._unreadAbove = above;
    if (atBottom) this._read();
  }

  // _read moves my read state to the newest message while the page is
  // visible and the newest is on screen: the server keeps it, so every
  // device agrees.
  _read() {
    if (!this._store || document.visibilityState === "hidden") return;
    const sc = this._scroller;
    if (!sc || sc.scrollHeight - sc.scrollTop - sc.clientHeight >= 80) return;
    const newest = this._store.newest;
    if (newest) this.session.markRead(this.conversation, newest.created);
  }

  async _jumpToUnread() {
    await this._store.reachUnread();
    await this.updateComplete;
    this.renderRoot.querySelector("li.divider")?.scrollIntoView({ block: "start" });
  }

  _toBottom() {
    const sc = this._scroller;
    sc.scrollTop = sc.scrollHeight;
    this._below = false;
  }

  /** Shows message id, loading older pages until it is there, and marks it for a moment. */
  async reveal(id) {
    const m = await this._store?.reach((x) => x.id === id);
    if (!m) return false;
    this._flash = id;
    await this.updateComplete;
    this.renderRoot.querySelector(`li[data-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: "center" });
    setTimeout(() => this._flash === id && (this._flash = null), 1600);
    return true;
  }

  /** Puts the caret in the composer. */
  focus() {
    this.renderRoot.querySelector("pbchat-composer")?.focus();
  }

  _fileUrl(m, name, thumb) {
    const f = this.session.fileToken();
    if (!f) return "";
    return this.client.files.getURL(m, name, { token: f, ...(thumb ? { thumb } : {}) });
  }

  _openImage(e, m, name) {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return; // a new tab, as asked
    e.preventDefault();
    const items = imagesOf(this._s.messages);
    this._lightbox = { items, index: Math.max(0, items.findIndex((x) => x.m.id === m.id && x.name === name)) };
    this.updateComplete.then(() => this.renderRoot.querySelector("dialog.lightbox")?.showModal());
  }

  _openMenu(m, anchor) {
    this.session.safety.wantBlocks(); // whether the menu says Block or Unblock
    const r = anchor.getBoundingClientRect();
    this._menu = { m, top: Math.min(r.bottom + 4, innerHeight - 260), left: Math.max(8, Math.min(r.right - 220, innerWidth - 240)) };
    this.updateComplete.then(() => this.renderRoot.querySelector(".menu button")?.focus());
  }

  _closeMenu() {
    const m = this._menu?.m;
    this._menu = null;
    if (m) this.updateComplete.then(() => this.renderRoot.querySelector(`li[data-id="${CSS.escape(m.id)}"] .more`)?.focus());
  }

  _reply(m) {
    this._menu = null;
    const author = m.expand?.author?.name || this.session.people.nameOf(m.author);
    this._store.setDraft({ replyTo: { id: m.id, author: m.author, authorName: author, text: previewOf(m) } });
    this.focus();
  }

  _edit(m) {
    this._menu = null;
    this._editing = { id: m.id, text: m.text };
    this.updateComplete.then(() => this.renderRoot.querySelector(".edit-text")?.focus());
  }

  _editLast() {
    const mine = this._s?.messages.findLast((m) => m.author === this.session.me && !m.removed);
    if (mine) this._edit(mine);
  }

  async _saveEdit(m, text) {
    try {
      if (text.trim() !== m.text) await this._store.edit(m.id, text.trim());
      this._editing = null;
      this.focus();
    } catch (err) {
      this._editing = { ...this._editing, text, error: describe(err) };
    }
  }

  /** Blocks user, once I confirm, or unblocks them. */
  _block(user) {
    this._menu = null;
    const safety = this.session.safety;
    const fail = (err) => ((this._error = describe(err)), this.requestUpdate());
    if (safety.blocks(user) || this._s.messages.some((m) => m.author === user && m.withheld === "blocked")) return safety.unblock(user).catch(fail);
    const name = this.session.people.nameOf(user);
    ask(this, t("Block {name}? Their messages are hidden from you and never notify you, and they can't add you to conversations. They aren't told.", { name }), t("Block"), () => safety.block(user).catch(fail));
  }

  _delete(m) {
    this._menu = null;
    ask(this, t("Delete this message for everyone?"), t("Delete"), () => this._store.remove(m.id).catch((err) => ((this._error = describe(err)), this.requestUpdate())));
  }

  _timeline() {
    const s = this._s;
    const me = this.session.me;
    const firstUnread = this._store.firstUnread;
    const lastMine = s.messages.findLast((m) => m.author === me);
    const items = [];
    const timeline = [...s.messages, ...s.notes].sort((a, b) => a.created.localeCompare(b.created));
    let prev = null; // the message a run of one person's goes on from
    let lastDay = "";
    for (const m of timeline) {
      const d = day(m.created);
      if (d !== lastDay) {
        items.push({ key: `day-${d}`, view: html`<li class="day">${d}</li>` });
        lastDay = d;
        prev = null;
      }
      if (m.note) {
        items.push({ key: `note-${m.created}-${m.note}`, view: html`<li class="note">${m.note}</li>` });
        prev = null;
        continue;
      }
      if (m === firstUnread) {
        items.push({ key: "divider", view: html`<li class="divider">${t("New messages")}</li>` });
        prev = null;
      }
      const grouped = !!prev && prev.author === m.author && dateOf(m.created) - dateOf(prev.created) < GROUP_MS;
      let receipt = "";
      if (m === lastMine && s.memberCount >= 2 && s.memberCount <= RECEIPTS_UP_TO) {
        receipt = seenBy(this._store.readersOf(m).map((id) => this.session.people.nameOf(id)), s.memberCount);
      }
      items.push({ key: m.id, view: messageView(this._view, m, { grouped, receipt }) });
      prev = m;
    }
    for (const p of s.pending) items.push({ key: `p-${p.id}`, view: pendingView(this, p) });
    return items;
  }

  get _view() {
    return {
      me: this.session.me,
      people: this.session.people,
      base: this.client.baseURL,
      editing: this._editing,
      flash: this._flash,
      fileUrl: (m, name, thumb) => this._fileUrl(m, name, thumb),
      menu: (m, anchor) => this._openMenu(m, anchor),
      jump: (id) => this.reveal(id),
      react: (m, emoji) => react(this, m, emoji),
      reactors: (m, r) => this._reactors.get(m.id)?.get(r.emoji)?.join(", ") || "",
      whoReacted: (m) => whoReacted(this, m),
      history: (m) => showHistory(this, m),
      show: (m) => this._store.reveal(m.id).catch((err) => ((this._error = describe(err)), this.requestUpdate())),
      saveEdit: (m, text) => this._saveEdit(m, text),
      cancelEdit: () => ((this._editing = null), this.focus()),
      open: (e, m, name) => this._openImage(e, m, name),
      imageLoaded: () => this._wasAtBottom && this._toBottom(),
    };
  }

  render() {
    const s = this._s;
    if (!this.session) return html`<p class="placeholder">${t("Sign in to see this conversation.")}</p>`;
    if (!s || !this.conversation) return html`<p class="placeholder">${t("Pick a conversation, or start a new one.")}</p>`;
    const typing = s.typing.map((id) => this.session.people.nameOf(id));
    const olderState = s.loadingOlder ? t("Loading older messages…") : s.hasOlder || !s.loaded ? "" : s.messages.length ? t("This is the beginning of the conversation.") : t("No messages yet: say hello.");
    return html`
      ${header(this)}
      ${this._unreadAbove ? html`<button type="button" class="jump up" @click=${this._jumpToUnread}>${t("Jump to first unread")}</button>` : nothing}
      <section class="scroller" tabindex="0" aria-label=${t("Messages")} @scroll=${this._scrolled}>
        <p class="state muted">${olderState}</p>
        ${s.error || this._error ? html`<p class="state error" role="alert">${s.error || this._error}</p>` : nothing}
        <ol class="messages">
          ${repeat(
            this._timeline(),
            (i) => i.key,
            (i) => i.view,
          )}
        </ol>
      </section>
      ${this._below ? html`<button type="button" class="jump down" @click=${this._toBottom}>${t("New messages ↓")}</button>` : nothing}
      <p class="typing" aria-live="polite">${typing.length > 1 ? t("{names} are typing…", { names: list(typing) }) : typing.length ? t("{names} is typing…", { names: typing[0] }) : ""}</p>
      <p class="visually-hidden" role="status">${this._announce || ""}</p>
      <pbchat-composer .store=${this._store} .session=${this.session} @pbchat-edit-last=${this._editLast}></pbchat-composer>
      ${this._menu ? menuView(this) : nothing}
      <pbchat-people .store=${this._store} .session=${this.session}></pbchat-people>
      ${confirmView(this)} ${reportView(this)} ${historyView(this)} ${pinsView(this)} ${emojiDialog()}
      ${lightbox(
        this._lightbox,
        (m, name) => this._fileUrl(m, name),
        (step) => {
          const v = this._lightbox;
          const index = Math.min(v.items.length - 1, Math.max(0, v.index + step));
          this._lightbox = { ...v, index };
        },
        () => (this._lightbox = null),
      )}
    `;
  }
}
