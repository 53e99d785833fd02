// chat-client.js: a small client for pbchat's websocket protocol.
//
// It authenticates with the auth frame (the token never goes in the URL),
// resumes from the last cursor after any drop, reconnects with exponential
// backoff and jitter, closes its socket while the page is hidden for
// navigation (the back/forward cache) or frozen and resumes when it is
// shown again, throttles typing frames, and hands every event to your
// handlers. It works beside PocketBase's official JS SDK:
//
//   import PocketBase from "pocketbase";
//   import { ChatClient } from "/chat-client.js";
//
//   const pb = new PocketBase("https://chat.example.com");
//   await pb.collection("users").authWithPassword(email, password);
//
//   const chat = new ChatClient({ baseUrl: pb.baseURL, authStore: pb.authStore });
//   chat.on("message.created", (e) => console.log(e.record.text, e.record.expand.author.name));
//   chat.on("state", (state) => console.log(state)); // connecting, live, reconnecting, offline, ...
//   chat.connect();
//
// In Node, pass a WebSocket implementation: new ChatClient({ ..., WebSocket: (await import("ws")).default }).
//
// Events: "message.created", "message.updated", "message.deleted",
// "conversation.created", "conversation.updated", "conversation.removed",
// "member.created", "member.updated", "member.deleted", "reaction.created",
// "reaction.deleted", "pin.created", "pin.deleted" (each {type,
// conversation, record, cursor});
// "block.created", "block.deleted" (a block of yours made or lifted, on any
// of your devices), "invitation.created", "invitation.deleted" (an
// invitation to you arrived, or was accepted, declined or withdrawn),
// "report.created" (you reported a message): each {type, record, cursor},
// of no conversation; "read"
// ({conversation, user, lastReadAt}: yours from another device, or another
// member's read receipt); "presence" ({user, online, lastSeen}: someone you
// share a conversation with came online or went offline); "typing"
// ({conversation, user});
// "ready" ({user, resumed}); "resync" (reload over REST); "error" (a frame the
// server refused); "state" (the new state); "close" ({code, reason});
// custom types sent by the server's Hub.Notify; and "*" for every frame.

/** Close codes of the protocol. */
export const CloseCodes = Object.freeze({
  GOING_AWAY: 1001,
  TOO_BIG: 1009,
  TRY_AGAIN_LATER: 1013,
  SLOW: 4008,
  UNAUTHORIZED: 4401,
  TOO_MANY_SOCKETS: 4429,
});

/** Connection states, as given to "state" handlers. */
export const States = Object.freeze({
  IDLE: "idle", // not started
  CONNECTING: "connecting", // opening or authenticating
  LIVE: "live", // caught up: events arrive as they happen
  RECONNECTING: "reconnecting", // dropped; waiting to try again
  OFFLINE: "offline", // the browser says there is no network
  UNAUTHORIZED: "unauthorized", // the token was refused: sign in again, then connect()
  CLOSED: "closed", // close() was called
});

const TYPING_INTERVAL = 1000;

export class ChatClient {
  /**
   * @param {object} options
   * @param {string} [options.url] the socket URL; default: baseUrl (or the page's origin) + /api/chat/ws
   * @param {string} [options.baseUrl] the server's base URL, as given to the SDK
   * @param {string|(() => string)} [options.token] a users auth token, or a function returning the current one
   * @param {{token: string}} [options.authStore] the SDK's authStore, read at each connect
   * @param {string} [options.since] a cursor to resume from on the first connect
   * @param {typeof WebSocket} [options.WebSocket] a WebSocket implementation (Node: the "ws" package)
   * @param {number} [options.minDelay] first reconnect delay in ms (default 500)
   * @param {number} [options.maxDelay] longest reconnect delay in ms (default 15000)
   */
  constructor(options = {}) {
    this.options = options;
    this._WebSocket = options.WebSocket || globalThis.WebSocket;
    if (!this._WebSocket) {
      throw new Error("ChatClient: no WebSocket here; pass options.WebSocket (in Node, the 'ws' package)");
    }
    this._handlers = new Map();
    this._cursor = options.since || "";
    this._state = States.IDLE;
    this._attempt = 0;
    this._typingAt = new Map();
    this._ws = null;
    this._timer = null;
    this._everReady = false;
    this._paused = false;
    this._onOnline = () => this._state === States.OFFLINE && !this._paused && this._open();
    // A page that is hidden for navigation (and may sit in the back/forward
    // cache) or frozen closes its socket, so that the server sees it go at
    // once and its people see this user offline; shown or resumed, it
    // reconnects and resumes from its cursor.
    this._onPageHide = () => {
      if (this._state === States.CLOSED || this._state === States.UNAUTHORIZED) return;
      this._paused = true;
      clearTimeout(this._timer);
      this._drop();
      this._setState(States.RECONNECTING);
    };
    this._onPageShow = () => {
      if (!this._paused) return;
      this._paused = false;
      this._attempt = 0;
      this._open();
    };
    this._onOffline = () => {
      if (this._state === States.CLOSED || this._state === States.UNAUTHORIZED) return;
      clearTimeout(this._timer);
      this._drop();
      this._setState(States.OFFLINE);
    };
  }

  /** The current state (see States). */
  get state() {
    return this._state;
  }

  /** The cursor of the last event received; resume point of the next connect. */
  get cursor() {
    return this._cursor;
  }

  /**
   * Adds a handler for a frame type ("*" for all) and returns a function that removes it.
   * @param {string} type
   * @param {(frame: any) => void} handler
   */
  on(type, handler) {
    if (!this._handlers.has(type)) this._handlers.set(type, new Set());
    this._handlers.get(type).add(handler);
    return () => this._handlers.get(type)?.delete(handler);
  }

  /** Opens the socket, and keeps it open until close(). Also retries now after "unauthorized". */
  connect() {
    if (typeof addEventListener === "function" && typeof window !== "undefined") {
      window.addEventListener("online", this._onOnline);
      window.addEventListener("offline", this._onOffline);
      window.addEventListener("pagehide", this._onPageHide);
      window.addEventListener("pageshow", this._onPageShow);
      document.addEventListener("freeze", this._onPageHide);
      document.addEventListener("resume", this._onPageShow);
    }
    this._paused = false;
    clearTimeout(this._timer);
    this._attempt = 0;
    this._open();
  }

  /** Closes the socket for good. */
  close() {
    clearTimeout(this._timer);
    if (typeof window !== "undefined") {
      window.removeEventListener("online", this._onOnline);
      window.removeEventListener("offline", this._onOffline);
      window.removeEventListener("pagehide", this._onPageHide);
      window.removeEventListener("pageshow", this._onPageShow);
      document.removeEventListener("freeze", this._onPageHide);
      document.removeEventListener("resume", this._onPageShow);
    }
    this._drop();
    this._setState(States.CLOSED);
  }

  /**
   * Tells the other participants that the user is typing; at most once a second per conversation.
   * @param {string} conversation
   */
  typing(conversation) {
    const now = Date.now();
    if (this._state !== States.LIVE || now - (this._typingAt.get(conversation) || 0) < TYPING_INTERVAL) return;
    this._typingAt.set(conversation, now);
    this._send({ type: "typing", conversation });
  }

  _url() {
    if (this.options.url) return this.options.url;
    const base = this.options.baseUrl || (typeof location !== "undefined" ? location.origin : "");
    if (!base) throw new Error("ChatClient: give options.url or options.baseUrl");
    const u = new URL(base.replace(/\/+$/, "") + "/api/chat/ws", typeof location !== "undefined" ? location.href : undefined);
    u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
    return u.toString();
  }

  _token() {
    const { token, authStore } = this.options;
    if (typeof token === "function") return token();
    if (token) return token;
    return authStore?.token || "";
  }

  _open() {
    this._drop();
    if (typeof navigator !== "undefined" && navigator.onLine === false) {
      this._setState(States.OFFLINE);
      return;
    }
    this._setState(this._everReady ? States.RECONNECTING : States.CONNECTING);
    let ws;
    try {
      ws = new this._WebSocket(this._url());
    } catch (err) {
      this._emit("error", { type: "error", error: String(err) });
      this._retry();
      return;
    }
    this._ws = ws;
    ws.onopen = () => {
      const auth = { type: "auth", token: this._token() };
      if (this._cursor) auth.since = this._cursor;
      this._sendOn(ws, auth);
    };
    ws.onmessage = (msg) => {
      if (ws !== this._ws) return;
      let frame;
      try {
        frame = JSON.parse(typeof msg.data === "string" ? msg.data : String(msg.data));
      } catch {
        return;
      }
      this._frame(frame);
    };
    ws.onclose = (e) => {
      if (ws !== this._ws) return;
      this._ws = null;
      this._emit("close", { type: "close", code: e.code, reason: e.reason });
      if (this._state === States.CLOSED || this._state === States.OFFLINE) return;
      if (e.code === CloseCodes.UNAUTHORIZED) {
        this._setState(States.UNAUTHORIZED);
        return;
      }
      if (e.code === CloseCodes.TOO_MANY_SOCKETS) this._attempt = Math.max(this._attempt, 5);
      this._retry();
    };
    ws.onerror = () => {}; // onclose follows, and decides
  }

  _frame(frame) {
    if (frame.cursor) this._cursor = frame.cursor;
    if (frame.type === "ready") {
      const resumed = this._everReady;
      this._everReady = true;
      this._attempt = 0;
      this._setState(States.LIVE);
      this._emit("ready", { ...frame, resumed });
      return;
    }
    this._emit(frame.type, frame);
  }

  _retry() {
    const min = this.options.minDelay ?? 500;
    const max = this.options.maxDelay ?? 15000;
    const base = Math.min(max, min * 2 ** this._attempt);
    const delay = base / 2 + Math.random() * (base / 2); // jitter: spread the herd after a restart
    this._attempt++;
    this._setState(States.RECONNECTING);
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._open(), delay);
  }

  _drop() {
    const ws = this._ws;
    this._ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      ws.onerror = () => {};
      try {
        ws.close(1000);
      } catch {
        /* already closed */
      }
    }
  }

  _send(frame) {
    if (this._ws) this._sendOn(this._ws, frame);
  }

  _sendOn(ws, frame) {
    if (ws.readyState === 1) ws.send(JSON.stringify(frame));
  }

  _setState(state) {
    if (state === this._state) return;
    this._state = state;
    this._emit("state", state);
  }

  _emit(type, value) {
    for (const key of [type, "*"]) {
      if (key === "*" && (type === "state" || type === "close")) continue;
      for (const handler of this._handlers.get(key) || []) {
        try {
          handler(value);
        } catch (err) {
          console.error("ChatClient handler failed:", err);
        }
      }
    }
  }
}

/** A message id the client chooses, so that a retried send is stored once. */
export function newId() {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = new Uint8Array(15);
  globalThis.crypto.getRandomValues(bytes);
  let id = "";
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}
