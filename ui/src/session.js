// session.js: what the elements of one page share per PocketBase client:
// one socket, the inbox, the people met, and the stores of the
// conversations opened lately (kept, and kept live, so that going back to
// one shows it at once). It follows the SDK's sign-in: a session belongs to
// one signed-in user; another sign-in, or a sign-out, ends it.

import PocketBase from "pocketbase";

import { ChatClient, newId } from "../../pb_public/chat-client.js";
import { ConversationStore } from "./conversation-store.js";
import { InboxStore } from "./inbox-store.js";
import { PeopleStore } from "./people-store.js";
import { SafetyStore } from "./safety-store.js";
import { PinsStore } from "./pins-store.js";
import { Store } from "./store.js";
import { forget, plain, read, remove, write } from "./device-cache.js";

const KEEP = 8; // conversation stores kept live besides the open one
const PAGE = 50;

const sessions = new WeakMap(); // pb → Session
const clients = new Map(); // base URL → the PocketBase client of elements given none

/** The server the elements talk to by default: the one that served this script. */
export const defaultBase = (() => {
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return globalThis.location?.origin || "";
  }
})();

/**
 * The PocketBase client of an element: its pb property, or one for its
 * base-url attribute (default: this script's server) on the SDK's default
 * auth store, which a host on the SDK shares.
 */
export function pbOf(el) {
  if (el.pb) return el.pb;
  const base = el.getAttribute?.("base-url") || defaultBase;
  if (!clients.has(base)) clients.set(base, new PocketBase(base));
  return clients.get(base);
}

/** The signed-in user's id in pb's auth store, or "". */
export function meOf(pb) {
  return (pb.authStore.isValid && (pb.authStore.record?.id || pb.authStore.model?.id)) || "";
}

export class Session {
  constructor(pb) {
    this.pb = pb;
    this.me = meOf(pb);
    this.users = 0;
    this.client = new ChatClient({ baseUrl: pb.baseURL || pb.baseUrl, authStore: pb.authStore });
    this.people = new PeopleStore(this.me);
    this.inbox = new InboxStore({
      me: this.me,
      page: async (n) => {
        const items = (await pb.collection("conversations").getList(n, PAGE, { sort: "-lastMessageAt,-created", expand: "lastMessage.author", skipTotal: 1 })).items;
        this.people.remember(items.flatMap((c) => [...(c.heroes || []), c.expand?.lastMessage?.expand?.author]));
        return items;
      },
      one: async (id) => {
        const c = await pb.collection("conversations").getOne(id, { expand: "lastMessage.author" });
        this.people.remember(c.heroes || []);
        return c;
      },
    });
    const call = (path, body) => pb.send(path, { method: "POST", body, requestKey: null });
    this.safety = new SafetyStore({
      blocks: () => pb.collection("blocks").getFullList({ batch: 100, expand: "blocked", requestKey: null }),
      invitations: async () => {
        const items = await pb.collection("invitations").getFullList({ batch: 100, filter: pb.filter("invitee = {:me}", { me: this.me }), sort: "-created", expand: "inviter", requestKey: null });
        this.people.remember(items.map((i) => i.expand?.inviter));
        return items;
      },
      block: (user) => pb.collection("blocks").create({ blocker: this.me, blocked: user }, { expand: "blocked", requestKey: null }),
      unblock: (id) => pb.collection("blocks").delete(id, { requestKey: null }),
      accept: (id) => call(`/api/chat/invitations/${encodeURIComponent(id)}/accept`),
      decline: (id, block) => call(`/api/chat/invitations/${encodeURIComponent(id)}/decline`, { block }),
    });
    this.files = new Store({ token: "", until: 0 }); // the file token protected files are read with
    this._conversations = new Map(); // id → ConversationStore, least recently opened first
    this._pins = new Map(); // id → PinsStore, of the conversations kept
    this._readTimers = new Map();
    this._offs = [
      this.client.on("*", (frame) => this._apply(frame)),
      this.client.on("ready", (e) => this._ready(e)),
      this.client.on("resync", () => (this._stale = true)),
      this.client.on("close", (e) => e.code === 4401 && this._renew()),
    ];
    this._stale = true;
    this.people.remember(this.user);
    this._keep();
  }

  // _keep shows what this device kept of the inbox at once, and keeps it
  // as it changes (rows of the server's, once loaded).
  _keep() {
    const key = `${this.me}:inbox`;
    read(key).then((rows) => Array.isArray(rows) && this.inbox.restore(rows));
    // at once: a count read away must not come back on the next load
    let kept = null;
    this.inbox.subscribe((s) => {
      if (!s.loaded || s.rows === kept || this._forgotten) return;
      kept = s.rows;
      write(key, plain(s.rows), 0);
    });
  }

  get user() {
    return this.pb.authStore.record || this.pb.authStore.model || null;
  }

  start() {
    this.client.connect();
  }

  /** Forgets what this device kept of the session, and keeps nothing more (signing out). */
  forget() {
    this._forgotten = true;
    return forget(this.me);
  }

  end() {
    this._offs.forEach((off) => off());
    this.client.close();
    for (const t of this._readTimers.values()) clearTimeout(t);
  }

  /** The store of conversation id, kept live while it is among the last opened. */
  conversation(id) {
    let store = this._conversations.get(id);
    if (store) {
      this._conversations.delete(id);
    } else {
      store = new ConversationStore(this._source(id));
      if (this.client.state === "live") store.load();
      const key = this._key(id);
      read(key).then((messages) => Array.isArray(messages) && store.restore(messages));
      let kept = null; // typing, members and reads change the state, not what is kept
      store.subscribe((s) => {
        if (!s.loaded || s.messages === kept || this._forgotten) return;
        kept = s.messages;
        write(key, plain(s.messages.slice(-50)));
      });
    }
    this._conversations.set(id, store);
    while (this._conversations.size > KEEP + 1) {
      const old = this._conversations.keys().next().value;
      this._conversations.delete(old);
      this._pins.delete(old);
    }
    return store;
  }

  /** The pinned messages of conversation id, loaded the first time asked. */
  pinsOf(id) {
    let pins = this._pins.get(id);
    if (!pins) {
      const pb = this.pb;
      pins = new PinsStore({
        id,
        list: () => pb.collection("pins").getFullList({ batch: 100, filter: pb.filter("conversation = {:id}", { id }), sort: "-created", expand: "message", requestKey: null }),
        pin: (message) => pb.collection("pins").create({ conversation: id, message }, { requestKey: null }),
        unpin: (pinId) => pb.collection("pins").delete(pinId, { requestKey: null }),
      });
      this._pins.set(id, pins);
      pins.load();
    }
    return pins;
  }

  _key(id) {
    return `${this.me}:conversation:${id}`;
  }

  /**
   * Starts a conversation with members (user ids), or, for two people who
   * have one already, finds theirs (the server names it); brings it into
   * the inbox and gives its id. Other refusals are thrown.
   */
  async startWith(members, title = "") {
    let id;
    try {
      id = (await this.pb.collection("conversations").create({ title, members }, { requestKey: null })).id;
    } catch (err) {
      const existing = err?.response?.data?.members;
      if (existing?.code !== "validation_conversation_exists" || !existing.params?.id) throw err;
      id = existing.params.id;
    }
    await this.inbox.refresh(id);
    return id;
  }

  /**
   * Adds user to a conversation, or, where they don't accept being added by
   * me (their setting, or they block me: I can't tell which), invites them.
   * Gives "added" or "invited".
   */
  async add(conversation, user) {
    try {
      await this.pb.collection("members").create({ conversation, user }, { requestKey: null });
      return "added";
    } catch (err) {
      if (err?.status !== 403) throw err;
      await this.pb.collection("invitations").create({ conversation, invitee: user }, { requestKey: null });
      return "invited";
    }
  }

  /** Accepts an invitation: the conversation joins the inbox; gives its id. */
  async accept(invitation) {
    const c = await this.safety.accept(invitation);
    await this.inbox.refresh(c.id);
    return c.id;
  }

  /** Forgets a conversation's store and what the device kept of it (left, removed). */
  drop(id) {
    this._conversations.delete(id);
    this._pins.delete(id);
    remove(this._key(id));
    this.inbox.remove(id);
  }

  /** A file token for protected files, or "" while one is fetched (files' subscribers hear when it comes). */
  fileToken() {
    const f = this.files.state;
    if (f.until > Date.now()) return f.token;
    this._fetching ??= this.pb.files
      .getToken({ requestKey: null })
      .then((token) => this.files._set({ token, until: Date.now() + 100_000 }))
      .catch(() => {})
      .finally(() => (this._fetching = null));
    return f.token;
  }

  /** Reads conversation id up to created: the count clears now, the server hears a moment later. */
  markRead(id, created) {
    const row = this.inbox.row(id);
    const member = row?.member;
    if (!member || !created || (member.lastReadAt || "") >= created) return;
    this.inbox.markRead(id, created);
    clearTimeout(this._readTimers.get(id));
    this._readTimers.set(
      id,
      setTimeout(() => {
        this._readTimers.delete(id);
        this.pb.collection("members").update(member.id, { lastReadAt: created }).catch(() => {});
      }, 300),
    );
  }

  // _renew asks for a fresh token when the socket says the old one is no
  // longer good: an expired token goes on; a revoked session signs out.
  async _renew() {
    try {
      await this.pb.collection("users").authRefresh({ requestKey: null });
      this.client.connect();
    } catch (err) {
      if (err?.status) this.pb.authStore.clear();
    }
  }

  _apply(frame) {
    this.people.apply(frame);
    this.safety.apply(frame);
    if (frame.type === "block.created" || frame.type === "block.deleted" || frame.type === "report.created") {
      // what the server withholds changed: read again what is shown
      this.inbox.load();
      for (const store of this._conversations.values()) store.load();
      for (const pins of this._pins.values()) pins.load();
      return;
    }
    this._pins.get(frame.conversation)?.apply(frame);
    this.inbox.apply(frame);
    if (frame.type === "conversation.removed") this.drop(frame.conversation);
    this._conversations.get(frame.conversation)?.apply(frame);
  }

  // _ready loads what REST gives (the first time, and after a resync); a
  // resume brought the rest as frames, and only the inbox's counts are
  // REST's. Sends that waited for the connection go now.
  _ready(e) {
    this.inbox.load();
    this.safety.load();
    if (!e.resumed || this._stale) {
      for (const store of this._conversations.values()) store.load();
      for (const pins of this._pins.values()) pins.load();
    }
    this._stale = false;
    for (const store of this._conversations.values()) store.retryWaiting();
  }

  _source(id) {
    const pb = this.pb;
    const messages = pb.collection("messages");
    return {
      id,
      me: this.me,
      newId,
      drafts: globalThis.localStorage,
      page: async (before) => {
        let filter = pb.filter("conversation = {:id}", { id });
        if (before) filter += pb.filter(" && (created < {:c} || (created = {:c} && id < {:i}))", { c: before.created, i: before.id });
        const items = (await messages.getList(1, PAGE, { filter, sort: "-created,-id", expand: "author", skipTotal: 1 })).items;
        this.people.remember(items.map((m) => m.expand?.author));
        return items;
      },
      members: async () => {
        const res = await pb.collection("members").getList(1, 100, { filter: pb.filter("conversation = {:id}", { id }), sort: "created,id", expand: "user" });
        this.people.remember(res.items.map((m) => m.expand?.user));
        return res;
      },
      send: ({ files, ...body }) => {
        let payload = body;
        if (files?.length) {
          payload = new FormData();
          for (const [k, v] of Object.entries(body)) {
            if (v === undefined) continue;
            for (const x of Array.isArray(v) ? v : [v]) payload.append(k, x);
          }
          for (const f of files) payload.append("attachments", f);
        }
        return messages.create(payload, { expand: "author", requestKey: null });
      },
      edit: (mid, text) => messages.update(mid, { text }, { requestKey: null }),
      // a message of someone I block, whole, as I asked to see it
      reveal: (mid) => messages.getOne(mid, { expand: "author", query: { show: "withheld" }, requestKey: null }),
      remove: (mid) => messages.delete(mid, { requestKey: null }),
    };
  }
}

/**
 * follow runs run(session) while pb is signed in (again for each new user
 * signed in) and signedOut() while it isn't; run returns what stops what
 * it started; changed() tells of a new token or record of the same user. Sessions are shared by the elements of a page on one client.
 * It returns what stops everything.
 */
export function follow(pb, { run, signedOut, changed }) {
  let current = null; // {session, stop}
  const sync = () => {
    const me = meOf(pb);
    if (current && current.session.me === me) return changed?.(); // a refreshed token or record: the same session
    if (current) {
      current.stop();
      release(pb, current.session);
      current = null;
    }
    if (!me) return signedOut();
    const session = acquire(pb);
    current = { session, stop: run(session) || (() => {}) };
  };
  const unlisten = pb.authStore.onChange(sync);
  sync();
  return () => {
    unlisten();
    if (current) {
      current.stop();
      release(pb, current.session);
      current = null;
    }
  };
}

function acquire(pb) {
  let s = sessions.get(pb);
  if (!s || s.me !== meOf(pb)) {
    s?.end();
    s = new Session(pb);
    sessions.set(pb, s);
    s.start();
  }
  s.users++;
  return s;
}

function release(pb, s) {
  if (--s.users > 0) return;
  s.end();
  if (sessions.get(pb) === s) sessions.delete(pb);
}
