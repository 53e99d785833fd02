// conversation-store.js: the state of one open conversation, as plain
// data: its messages (oldest first), the sends on their way, and the draft,
// which survives a reload (kept in the drafts storage given). It loads the
// newest page over REST, then follows the socket's frames; views render
// from it. No DOM here: the Node suite tests it as it is.

export class ConversationStore {
  /**
   * @param {object} source
   * @param {string} source.id the conversation
   * @param {string} source.me the signed-in user's id
   * @param {() => Promise<object[]>} source.page the newest messages, newest first, as REST lists them
   * @param {(body: object) => Promise<object>} source.send creates a message, as REST does
   * @param {() => string} source.newId a message id the client chooses
   * @param {{getItem(k: string): string|null, setItem(k: string, v: string): void, removeItem(k: string): void}} [source.drafts]
   */
  constructor(source) {
    this.source = source;
    this.id = source.id;
    this._draftKey = `pbchat.draft.${source.me}.${source.id}`;
    this.state = {
      messages: [],
      pending: [], // {id, text, error}
      draft: source.drafts?.getItem(this._draftKey) || "",
      loading: false,
      error: "",
    };
    this._listeners = new Set();
  }

  subscribe(fn) {
    this._listeners.add(fn);
    fn(this.state);
    return () => this._listeners.delete(fn);
  }

  async load() {
    this._set({ loading: true, error: "" });
    try {
      const newest = await this.source.page();
      const known = new Map(newest.map((m) => [m.id, m]));
      for (const m of this.state.messages) if (!known.has(m.id)) known.set(m.id, m); // arrived live meanwhile
      this._set({ messages: sorted([...known.values()]), loading: false });
    } catch (err) {
      this._set({ loading: false, error: err?.message || String(err) });
    }
  }

  /** Takes one frame of the socket; frames of other conversations are ignored. */
  apply(frame) {
    if (frame.conversation !== this.id) return;
    const m = frame.record;
    switch (frame.type) {
      case "message.created":
        return this._upsert(m);
      case "message.updated":
        return this._set({ messages: this.state.messages.map((x) => (x.id === m.id ? { ...x, ...m } : x)) });
      case "message.deleted":
        return this._set({ messages: this.state.messages.filter((x) => x.id !== m.id) });
    }
  }

  setDraft(text) {
    const d = this.source.drafts;
    if (text) d?.setItem(this._draftKey, text);
    else d?.removeItem(this._draftKey);
    this._set({ draft: text });
  }

  /** Sends the draft; a send that fails stays, with its error, to retry. */
  async send() {
    const text = this.state.draft.trim();
    if (!text) return;
    const p = { id: this.source.newId(), text, error: "" };
    this.setDraft("");
    this._set({ pending: [...this.state.pending, p] });
    await this._try(p);
  }

  /** Sends a failed message again, with its id: stored once whatever happened. */
  retry(id) {
    const p = this.state.pending.find((x) => x.id === id);
    if (p) return this._try(p);
  }

  /** Forgets a failed message. */
  discard(id) {
    this._set({ pending: this.state.pending.filter((x) => x.id !== id) });
  }

  /** The newest message by someone else: what reading the conversation reads up to. */
  get newestByOthers() {
    return this.state.messages.findLast((m) => m.author !== this.source.me) || null;
  }

  async _try(p) {
    this._setPending(p.id, { error: "" });
    try {
      const m = await this.source.send({ id: p.id, conversation: this.id, text: p.text });
      this._upsert(m);
    } catch (err) {
      this._setPending(p.id, { error: err?.message || String(err) });
    }
  }

  _upsert(m) {
    const has = this.state.messages.some((x) => x.id === m.id);
    this._set({
      messages: has ? this.state.messages.map((x) => (x.id === m.id ? { ...x, ...m, expand: m.expand || x.expand } : x)) : sorted([...this.state.messages, m]),
      pending: this.state.pending.filter((x) => x.id !== m.id),
    });
  }

  _setPending(id, change) {
    this._set({ pending: this.state.pending.map((x) => (x.id === id ? { ...x, ...change } : x)) });
  }

  _set(change) {
    this.state = { ...this.state, ...change };
    for (const fn of this._listeners) fn(this.state);
  }
}

// sorted orders messages as the server does: by created, then id.
function sorted(messages) {
  return messages.sort((a, b) => (a.created === b.created ? a.id.localeCompare(b.id) : a.created.localeCompare(b.created)));
}
