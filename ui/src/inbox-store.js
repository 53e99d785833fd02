// inbox-store.js: the state of one person's inbox, as plain data: their
// conversations, newest activity first, each with its title, the start of
// its last message and their unread count. It loads a page over REST and
// then follows the socket's frames; views render from it and never change
// it. No DOM here: the Node suite tests it as it is.

const PAGE = 50;

/** The name a conversation is shown by: its title, or its other members'. */
export function titleOf(c) {
  if (c.title) return c.title;
  const names = (c.heroes || []).map((h) => h.name).filter(Boolean);
  return names.length ? names.join(", ") : "Just you";
}

/** The start of a message, as a row shows it. */
export function previewOf(m) {
  if (!m) return "";
  if (m.text) return m.text.length > 120 ? m.text.slice(0, 119) + "…" : m.text;
  return (m.files || m.attachments || []).length ? "Attachment" : "";
}

export class InboxStore {
  /**
   * @param {object} source
   * @param {() => Promise<object[]>} source.page the first page of conversations, as REST lists them
   * @param {(id: string) => Promise<object>} source.one one conversation, as REST views it
   * @param {string} source.me the signed-in user's id
   */
  constructor({ page, one, me }) {
    this._page = page;
    this._one = one;
    this.me = me;
    this.state = { rows: [], loading: false, error: "" };
    this._listeners = new Set();
  }

  /** Calls fn with the state now and after each change; returns the unsubscribe. */
  subscribe(fn) {
    this._listeners.add(fn);
    fn(this.state);
    return () => this._listeners.delete(fn);
  }

  /** The unread messages of every conversation, for a host's badge. */
  get unread() {
    return this.state.rows.reduce((n, r) => n + (r.unread || 0), 0);
  }

  async load() {
    this._set({ loading: true, error: "" });
    try {
      const items = await this._page();
      this._set({ rows: items.slice(0, PAGE).map((c) => this._row(c)), loading: false });
    } catch (err) {
      this._set({ loading: false, error: err?.message || String(err) });
    }
  }

  /** Takes one frame of the socket (see docs/websocket.md). */
  apply(frame) {
    switch (frame.type) {
      case "message.created":
        return this._message(frame);
      case "conversation.created":
        return this._refresh(frame.conversation);
      case "conversation.updated":
        return this._update(frame.conversation, (r) => ({ ...r, title: titleOf({ ...r.record, ...frame.record }), record: { ...r.record, ...frame.record } }));
      case "conversation.removed":
        return this._set({ rows: this.state.rows.filter((r) => r.id !== frame.conversation) });
      case "read":
        if (frame.user === this.me) {
          return this._update(frame.conversation, (r) => (frame.lastReadAt >= r.lastMessageAt ? { ...r, unread: 0, mentions: 0 } : r));
        }
    }
  }

  _message({ conversation, record: m }) {
    const row = this.state.rows.find((r) => r.id === conversation);
    if (!row) return this._refresh(conversation);
    const mine = m.author === this.me;
    const next = {
      ...row,
      preview: previewOf(m),
      author: m.expand?.author?.name || "",
      lastMessageAt: m.created,
      unread: mine ? 0 : (row.unread || 0) + 1,
      mentions: mine ? 0 : (row.mentions || 0) + ((m.mentions || []).includes(this.me) ? 1 : 0),
    };
    this._set({ rows: [next, ...this.state.rows.filter((r) => r.id !== conversation)] });
  }

  async _refresh(id) {
    try {
      const row = this._row(await this._one(id));
      const rest = this.state.rows.filter((r) => r.id !== id);
      const at = rest.findIndex((r) => r.lastMessageAt < row.lastMessageAt);
      rest.splice(at < 0 ? rest.length : at, 0, row);
      this._set({ rows: rest });
    } catch {
      // gone meanwhile, or not ours: nothing to show
    }
  }

  _update(id, change) {
    this._set({ rows: this.state.rows.map((r) => (r.id === id ? change(r) : r)) });
  }

  _row(c) {
    const last = c.expand?.lastMessage;
    return {
      id: c.id,
      record: { id: c.id, title: c.title, heroes: c.heroes },
      title: titleOf(c),
      preview: previewOf(last),
      author: last?.expand?.author?.name || "",
      lastMessageAt: c.lastMessageAt || "",
      unread: c.unread || 0,
      mentions: c.mentions || 0,
    };
  }

  _set(change) {
    this.state = { ...this.state, ...change };
    for (const fn of this._listeners) fn(this.state);
  }
}
