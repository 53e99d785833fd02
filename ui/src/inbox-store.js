// inbox-store.js: the state of one person's inbox, as plain data: their
// conversations, newest activity first, each with its title, the start of
// its last message, its time and their unread count and mentions, and
// their own member record (role, read state, mute). It loads a page over
// REST and then follows the socket's frames; views render from it and
// never change it. No DOM here: the Node suite tests it as it is.

import { Store } from "./store.js";
import { previewOf, pbDate } from "./format.js";
import { t } from "./i18n.js";

const PAGE = 50;

/** The name a conversation is shown by: its title, or its other members'. */
export function titleOf(c) {
  if (c?.title) return c.title;
  const names = (c?.heroes || []).map((h) => h.name).filter(Boolean);
  if (!names.length) return t("Just you");
  return names.slice(0, 3).join(", ") + (names.length > 3 ? "…" : "");
}

export { previewOf };

/** Whether my notifications of a conversation are off now. */
export function isMuted(member, now = Date.now()) {
  if (!member) return false;
  return !!member.muted || (!!member.mutedUntil && member.mutedUntil > pbDate(now));
}

export class InboxStore extends Store {
  /**
   * @param {object} source
   * @param {(n: number) => Promise<object[]>} source.page page n (from 1) of 50 conversations by activity, as REST lists them
   * @param {(id: string) => Promise<object>} source.one one conversation, as REST views it
   * @param {string} source.me the signed-in user's id
   */
  constructor({ page, one, me }) {
    super({ rows: [], loading: false, loaded: false, hasMore: false, error: "" });
    this._page = page;
    this._one = one;
    this.me = me;
  }

  /** The unread messages of every conversation not muted, for a badge. */
  get unread() {
    return this.state.rows.reduce((n, r) => n + (isMuted(r.member) ? 0 : r.unread || 0), 0);
  }

  row(id) {
    return this.state.rows.find((r) => r.id === id) || null;
  }

  async load() {
    this._set({ loading: true, error: "" });
    try {
      const items = await this._page(1);
      this._pages = 1;
      this._set({ rows: items.slice(0, PAGE).map((c) => this._row(c)), loading: false, loaded: true, hasMore: items.length >= PAGE });
    } catch (err) {
      this._set({ loading: false, error: err?.message || String(err) });
    }
  }

  /** Loads the next page of older conversations (scrolling down the inbox). */
  async loadMore() {
    if (!this.state.hasMore || this.state.loading) return;
    this._set({ loading: true });
    try {
      const items = await this._page(this._pages + 1);
      this._pages++;
      const known = new Set(this.state.rows.map((r) => r.id));
      const more = items.filter((c) => !known.has(c.id)).map((c) => this._row(c));
      this._set({ rows: [...this.state.rows, ...more], loading: false, hasMore: items.length >= PAGE });
    } catch (err) {
      this._set({ loading: false, error: err?.message || String(err) });
    }
  }

  /** Shows rows kept on the device until load() brings the server's. */
  restore(rows) {
    if (!this.state.loaded && rows?.length) this._set({ rows });
  }

  /** Takes one frame of the socket (see docs/websocket.md). */
  apply(frame) {
    const r = frame.record;
    switch (frame.type) {
      case "message.created":
        return this._message(frame);
      case "message.deleted":
      case "message.updated":
        return this.row(frame.conversation)?.lastMessageId === r?.id ? this.refresh(frame.conversation) : undefined;
      case "conversation.created":
        return this.refresh(frame.conversation);
      case "conversation.updated":
        return this._update(frame.conversation, (row) => {
          const record = { ...row.record, ...r };
          return { ...row, record, title: titleOf(record) };
        });
      case "conversation.removed":
        return this.remove(frame.conversation);
      case "member.created":
      case "member.updated":
        if (r?.user === this.me) return this._update(frame.conversation, (row) => ({ ...row, member: { ...row.member, ...r } }));
        return;
      case "read":
        if (frame.user !== this.me) return;
        return this._read(frame.conversation, frame.lastReadAt);
    }
  }

  /** Reading up to created, here: the count clears at once. */
  markRead(id, created) {
    this._read(id, created);
  }

  /** Forgets a conversation I'm no longer in. */
  remove(id) {
    if (this.row(id)) this._set({ rows: this.state.rows.filter((r) => r.id !== id) });
  }

  /** My member record changed here (mute): the row follows. */
  setMember(id, member) {
    this._update(id, (row) => ({ ...row, member: { ...row.member, ...member } }));
  }

  _read(id, at) {
    const row = this.row(id);
    if (!row || !at || at <= (row.member?.lastReadAt || "")) return;
    if (at >= row.lastMessageAt) {
      this._update(id, (r) => ({ ...r, unread: 0, mentions: 0, member: { ...r.member, lastReadAt: at } }));
    } else {
      this.refresh(id); // read partly, elsewhere: the server counts what is left
    }
  }

  _message({ conversation, record: m }) {
    const row = this.row(conversation);
    if (!row) return this.refresh(conversation);
    const mine = m.author === this.me;
    const counts = !mine && !m.withheld; // what I block the author of is no unread of mine
    const next = {
      ...row,
      preview: previewOf(m),
      author: mine ? t("You") : m.expand?.author?.name || "",
      lastMessageAt: m.created,
      lastMessageId: m.id,
      unread: mine ? 0 : (row.unread || 0) + (counts ? 1 : 0),
      mentions: mine ? 0 : (row.mentions || 0) + (counts && (m.mentions || []).includes(this.me) ? 1 : 0),
      member: mine ? { ...row.member, lastReadAt: m.created } : row.member,
    };
    this._set({ rows: [next, ...this.state.rows.filter((r) => r.id !== conversation)] });
  }

  async refresh(id) {
    try {
      const row = this._row(await this._one(id));
      const rest = this.state.rows.filter((r) => r.id !== id);
      const at = rest.findIndex((r) => r.lastMessageAt < row.lastMessageAt);
      rest.splice(at < 0 ? rest.length : at, 0, row);
      this._set({ rows: rest });
      return row;
    } catch {
      return null; // gone meanwhile, or not ours: nothing to show
    }
  }

  _update(id, change) {
    this._set({ rows: this.state.rows.map((r) => (r.id === id ? change(r) : r)) });
  }

  _row(c) {
    const last = c.expand?.lastMessage;
    const record = { id: c.id, title: c.title || "", heroes: c.heroes || [], created: c.created || "", collectionId: c.collectionId, retentionDays: c.retentionDays || 0, pinsBy: c.pinsBy || "" };
    return {
      id: c.id,
      record,
      member: c.member || null,
      title: titleOf(record),
      preview: previewOf(last),
      author: !last ? "" : last.author === this.me ? t("You") : last.expand?.author?.name || "",
      lastMessageAt: c.lastMessageAt || c.created || "",
      lastMessageId: last?.id || "",
      unread: c.unread || 0,
      mentions: c.mentions || 0,
    };
  }
}
