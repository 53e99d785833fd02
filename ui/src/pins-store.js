// pins-store.js: the messages a conversation keeps pinned, newest pin
// first, each with its message as the reader may read it (expand=message:
// a blocked author's withheld). Loaded over REST, reloaded on the socket's
// pin frames.

import { Store } from "./store.js";

export class PinsStore extends Store {
  /**
   * @param {object} source id (the conversation), and the calls list() → pin
   *   records with expand.message, pin(messageId), unpin(pinId)
   */
  constructor(source) {
    super({ pins: [], loaded: false, error: "" });
    this.source = source;
    this.id = source.id;
  }

  async load() {
    try {
      this._set({ pins: await this.source.list(), loaded: true, error: "" });
    } catch (err) {
      this._set({ error: String(err?.message || err) });
    }
  }

  /** The pin of message id, or null. */
  pinOf(id) {
    return this.state.pins.find((p) => p.message === id) || null;
  }

  apply(frame) {
    if (frame.conversation === this.id && (frame.type === "pin.created" || frame.type === "pin.deleted")) this.load();
  }

  async pin(messageId) {
    await this.source.pin(messageId);
    await this.load();
  }

  async unpin(messageId) {
    const p = this.pinOf(messageId);
    if (!p) return;
    await this.source.unpin(p.id);
    await this.load();
  }
}
