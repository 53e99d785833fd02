// conversation-store.js: the state of one conversation, as plain data:
// its messages (oldest first, older pages on demand), its members (for
// names, mentions and "Seen by"), who is typing, notes of who came and
// went, the sends on their way, the unread divider, and the draft (text,
// reply, mentions and files), which survives a reload. It loads over REST,
// then follows the socket's frames; views render from it. No DOM here: the
// Node suite tests it as it is.

import { Store } from "./store.js";
import { describe, final, unreachable } from "./errors.js";
import { t } from "./i18n.js";

const PAGE = 50;
const TYPING_SHOWN_MS = 3000;

const emptyDraft = () => ({ text: "", replyTo: null, mentions: [], files: [] });

/**
 * @typedef {object} Source what the store reads and writes, given by the session
 * @property {string} id the conversation
 * @property {string} me the signed-in user's id
 * @property {(before?: object) => Promise<object[]>} page up to 50 messages, newest first, before a message or the newest
 * @property {() => Promise<{items: object[], totalItems: number}>} [members] the first 100 members, with expand.user
 * @property {(body: object) => Promise<object>} send creates a message (body.files: File[] to attach)
 * @property {(id: string, text: string) => Promise<object>} [edit]
 * @property {(id: string) => Promise<void>} [remove]
 * @property {() => string} newId a message id the client chooses
 * @property {{getItem(k: string): string|null, setItem(k: string, v: string): void, removeItem(k: string): void}} [drafts]
 */

export class ConversationStore extends Store {
  /** @param {Source} source */
  constructor(source) {
    super({
      messages: [],
      hasOlder: false,
      loadingOlder: false,
      loading: false,
      loaded: false,
      error: "",
      members: new Map(), // user id → member record
      memberCount: 0,
      typing: [], // user ids
      notes: [], // {note, created}
      pending: [], // {id, text, files, replyTo, mentions, error, waiting, final}
      draft: emptyDraft(),
      divider: "", // the read state when opened: what came after it from others is new
    });
    this.source = source;
    this.id = source.id;
    this._draftKey = `pbchat.draft.${source.me}.${source.id}`;
    this._typingTimers = new Map();
    // where the view was when last left (distance from the bottom), or null
    // at the bottom: the view keeps it here, not in state (nothing renders it)
    this.scrollFromBottom = null;
    try {
      const saved = JSON.parse(source.drafts?.getItem(this._draftKey) || "null");
      if (saved) this.state.draft = { ...emptyDraft(), ...(typeof saved === "string" ? { text: saved } : saved), files: [] };
    } catch {
      // a draft from an older version: start afresh
    }
  }

  async load() {
    this._set({ loading: true, error: "" });
    this._arrived = new Set();
    try {
      const [newest, members] = await Promise.all([this.source.page(), this.source.members?.()]);
      const known = new Map(newest.map((m) => [m.id, m]));
      // what arrived live while the page was on its way stays; what was
      // shown before (kept on the device, or older) is the server's now
      for (const m of this.state.messages) if (!known.has(m.id) && this._arrived.has(m.id)) known.set(m.id, m);
      const change = { messages: sorted([...known.values()]), hasOlder: newest.length === PAGE, loading: false, loaded: true };
      if (members) {
        change.members = new Map(members.items.map((m) => [m.user, m]));
        change.memberCount = members.totalItems;
      }
      this._set(change);
    } catch (err) {
      this._set({ loading: false, error: describe(err) });
    }
  }

  /** Shows messages kept on the device until load() brings the server's. */
  restore(messages) {
    if (!this.state.loaded && messages?.length) this._set({ messages: sorted([...messages]) });
  }

  async loadOlder() {
    const s = this.state;
    if (!s.hasOlder || s.loadingOlder || !s.messages.length) return;
    this._set({ loadingOlder: true });
    try {
      const older = await this.source.page(s.messages[0]);
      const known = new Set(this.state.messages.map((m) => m.id));
      this._set({
        messages: sorted([...older.filter((m) => !known.has(m.id)), ...this.state.messages]),
        hasOlder: older.length === PAGE,
        loadingOlder: false,
      });
    } catch (err) {
      this._set({ loadingOlder: false, error: describe(err) });
    }
  }

  /** Loads older pages until message id is there (a search hit, a quote, the first unread). */
  async reach(test) {
    for (let i = 0; i < 40 && !this.state.messages.some(test) && this.state.hasOlder; i++) await this.loadOlder();
    return this.state.messages.find(test) || null;
  }

  /** Opens the conversation as read up to lastReadAt: later messages by others come after the divider. */
  enter(lastReadAt) {
    this._set({ divider: lastReadAt || "" });
  }

  /**
   * The first message by others after the divider, once it is known: the
   * messages loaded reach back to the divider (or there are no older).
   */
  get firstUnread() {
    const { divider: d, messages, hasOlder } = this.state;
    if (!d || (hasOlder && !(messages[0]?.created <= d))) return null;
    return messages.find((m) => m.author !== this.source.me && m.created > d) || null;
  }

  /** Loads older pages until the first unread message is known. */
  reachUnread() {
    const d = this.state.divider;
    return this.reach((m) => m.created <= d);
  }

  /** Takes one frame of the socket; frames of other conversations are ignored. */
  apply(frame) {
    if (frame.conversation !== this.id) return;
    const r = frame.record;
    switch (frame.type) {
      case "message.created":
        this._stopTyping(r.author);
        return this._upsert(r);
      case "message.updated":
        return this._set({ messages: requote(this.state.messages.map((x) => (x.id === r.id ? { ...x, ...r, withheld: r.withheld, reactions: x.reactions, expand: r.expand || x.expand } : x)), r) });
      case "message.deleted":
        return this._set({ messages: requote(this.state.messages.filter((x) => x.id !== r.id), { id: r.id, deleted: true }) });
      case "reaction.created":
      case "reaction.deleted":
        return this._reaction(r, frame.type === "reaction.created");
      case "member.created":
      case "member.updated":
      case "member.deleted":
        return this._member(frame.type, r);
      case "conversation.updated":
        return this._note(r.title ? t("Renamed to “{title}”", { title: r.title }) : t("The title was removed"), r.updated);
      case "read": {
        const m = this.state.members.get(frame.user);
        if (!m || frame.lastReadAt <= (m.lastReadAt || "")) return;
        const members = new Map(this.state.members);
        members.set(frame.user, { ...m, lastReadAt: frame.lastReadAt });
        return this._set({ members });
      }
      case "typing":
        return this._typing(frame.user);
    }
  }

  setDraft(change) {
    const draft = { ...this.state.draft, ...change };
    const d = this.source.drafts;
    if (draft.text || draft.replyTo) {
      const { text, replyTo, mentions } = draft;
      d?.setItem(this._draftKey, JSON.stringify({ text, replyTo, mentions }));
    } else d?.removeItem(this._draftKey);
    this._set({ draft });
  }

  /** Sends the draft; one that can't reach the server waits and goes by itself when it can. */
  async send() {
    const { text, files, replyTo, mentions } = this.state.draft;
    const body = text.trim();
    if (!body && !files.length) return;
    const p = {
      id: this.source.newId(),
      text: body,
      files,
      replyTo,
      mentions: [...new Set(mentions.filter(([handle]) => body.includes(handle)).map(([, id]) => id))],
      error: "",
      waiting: false,
    };
    this.setDraft(emptyDraft());
    this._set({ pending: [...this.state.pending, p] });
    await this._try(p);
  }

  /** Sends a failed message again, with its id: stored once whatever happened. */
  retry(id) {
    const p = this.state.pending.find((x) => x.id === id);
    if (p) return this._try(p);
  }

  /** Sends again every message that waited for the connection. */
  retryWaiting() {
    return Promise.all(this.state.pending.filter((p) => p.waiting).map((p) => this._try(p)));
  }

  /** Forgets a failed message; keep puts its text back in the composer to change it. */
  discard(id, keep = false) {
    const p = this.state.pending.find((x) => x.id === id);
    this._set({ pending: this.state.pending.filter((x) => x.id !== id) });
    if (p && keep) this.setDraft({ text: p.text, files: p.files, replyTo: p.replyTo });
  }

  async edit(id, text) {
    const m = await this.source.edit(id, text);
    this._set({ messages: this.state.messages.map((x) => (x.id === id ? { ...x, ...m, reactions: x.reactions, expand: x.expand } : x)) });
  }

  /** Shows a message withheld from me (I block its author) whole, as I asked. */
  async reveal(id) {
    const m = await this.source.reveal(id);
    this._set({ messages: this.state.messages.map((x) => (x.id === id ? { ...x, ...m, withheld: undefined, reactions: x.reactions } : x)) });
  }

  async remove(id) {
    await this.source.remove(id);
    this._set({ messages: requote(this.state.messages.filter((x) => x.id !== id), { id, deleted: true }) });
  }

  /** The newest message: what reading the conversation reads up to. */
  get newest() {
    return this.state.messages.at(-1) || null;
  }

  /** The ids of the other members who have read up to message m. */
  readersOf(m) {
    return [...this.state.members.values()].filter((x) => x.user !== this.source.me && (x.lastReadAt || "") >= m.created).map((x) => x.user);
  }

  async _try(p) {
    this._setPending(p.id, { error: "", waiting: false, final: false });
    try {
      const m = await this.source.send({
        id: p.id,
        conversation: this.id,
        text: p.text,
        replyTo: p.replyTo?.id || undefined,
        mentions: p.mentions,
        files: p.files,
      });
      this._upsert(m);
    } catch (err) {
      this._setPending(p.id, { error: describe(err), waiting: unreachable(err), final: final(err) });
    }
  }

  _upsert(m) {
    this._arrived?.add(m.id);
    const has = this.state.messages.some((x) => x.id === m.id);
    this._set({
      messages: has ? this.state.messages.map((x) => (x.id === m.id ? { ...x, ...m, reactions: m.reactions || x.reactions, expand: m.expand || x.expand } : x)) : sorted([...this.state.messages, m]),
      pending: this.state.pending.filter((x) => x.id !== m.id),
    });
  }

  _reaction(r, added) {
    const me = r.user === this.source.me;
    this._set({
      messages: this.state.messages.map((m) => {
        if (m.id !== r.message) return m;
        const list = (m.reactions || []).map((x) => ({ ...x }));
        let chip = list.find((x) => x.emoji === r.emoji);
        if (added) {
          if (!chip) list.push((chip = { emoji: r.emoji, count: 0, mine: false }));
          if (me && chip.mine) return m; // my own, already counted from my request
          chip.count++;
          if (me) chip.mine = true;
        } else if (chip) {
          if (me && !chip.mine) return m;
          chip.count--;
          if (me) chip.mine = false;
        }
        return { ...m, reactions: list.filter((x) => x.count > 0) };
      }),
    });
  }

  _member(type, r) {
    const members = new Map(this.state.members);
    let count = this.state.memberCount;
    const name = r.expand?.user?.name || t("Someone");
    if (type === "member.deleted") {
      if (members.delete(r.user)) count--;
      this._note(t("{name} left", { name }), r.updated);
    } else {
      if (type === "member.created" && !members.has(r.user)) {
        count++;
        this._note(t("{name} joined", { name }), r.created);
      }
      members.set(r.user, { ...members.get(r.user), ...r });
    }
    this._set({ members, memberCount: Math.max(count, members.size) });
  }

  _note(note, created) {
    this._set({ notes: [...this.state.notes, { note, created: created || new Date().toISOString().replace("T", " ") }] });
  }

  _typing(user) {
    if (user === this.source.me) return;
    clearTimeout(this._typingTimers.get(user));
    this._typingTimers.set(
      user,
      setTimeout(() => this._stopTyping(user), TYPING_SHOWN_MS),
    );
    if (!this.state.typing.includes(user)) this._set({ typing: [...this.state.typing, user] });
  }

  _stopTyping(user) {
    clearTimeout(this._typingTimers.get(user));
    this._typingTimers.delete(user);
    if (this.state.typing.includes(user)) this._set({ typing: this.state.typing.filter((u) => u !== user) });
  }

  _setPending(id, change) {
    this._set({ pending: this.state.pending.map((x) => (x.id === id ? { ...x, ...change } : x)) });
  }
}

// sorted orders messages as the server does: by created, then id.
function sorted(messages) {
  return messages.sort((a, b) => (a.created === b.created ? a.id.localeCompare(b.id) : a.created.localeCompare(b.created)));
}

// requote brings the quotes of replies to an edited or deleted message in
// line, as the server has done in its records.
function requote(messages, changed) {
  return messages.map((m) =>
    m.reply?.id !== changed.id
      ? m
      : { ...m, reply: changed.deleted ? { id: changed.id, deleted: true } : { ...m.reply, text: (changed.text || "").replace(/\s+/g, " ").slice(0, 120) } },
  );
}
