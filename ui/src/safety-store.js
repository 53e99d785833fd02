// safety-store.js: what keeps the signed-in person safe among strangers,
// as they see it: the invitations waiting for them to accept or decline
// (loaded over REST when the socket is ready: the inbox shows them) and
// whom they block (the server withholds those people's messages from them
// and tells the blocked nothing; loaded when a view first asks, as few
// people block anyone). Both are kept current by the personal events of
// the socket (a block or an invitation made on any device, or by someone
// else).

import { Store } from "./store.js";

export class SafetyStore extends Store {
  /**
   * @param {object} source me, and the calls: blocks() → block records
   *   (expand blocked), invitations() → invitation records (expand inviter),
   *   block(user), unblock(blockId), accept(id) → conversation, decline(id, block)
   */
  constructor(source) {
    // blocks: null until asked for
    super({ blocks: null, invitations: [], error: "" });
    this.source = source;
  }

  /** Loads the invitations, and the blocks again if they were asked for. */
  async load() {
    try {
      const [invitations, blocks] = await Promise.all([this.source.invitations(), this.state.blocks && this.source.blocks()]);
      this._set({ invitations, blocks: blocks || null, error: "" });
    } catch (err) {
      this._set({ error: String(err?.message || err) });
    }
  }

  /** Loads the blocks, once: a view that shows them asks first. */
  wantBlocks() {
    if (this.state.blocks || this._loadingBlocks) return;
    this._loadingBlocks = this.source
      .blocks()
      .then((blocks) => this._set({ blocks }))
      .catch((err) => this._set({ error: String(err?.message || err) }))
      .finally(() => (this._loadingBlocks = null));
  }

  /** Whether I block user (false while the blocks are not loaded). */
  blocks(user) {
    return !!this.state.blocks?.some((b) => b.blocked === user);
  }

  apply(frame) {
    const r = frame.record;
    switch (frame.type) {
      case "block.created":
        if (this.state.blocks && !this.blocks(r.blocked)) this._set({ blocks: [...this.state.blocks, r] });
        return;
      case "block.deleted":
        if (this.state.blocks) this._set({ blocks: this.state.blocks.filter((b) => b.id !== r.id) });
        return;
      case "invitation.created":
        return this._set({ invitations: [r, ...this.state.invitations.filter((i) => i.id !== r.id)] });
      case "invitation.deleted":
        return this._set({ invitations: this.state.invitations.filter((i) => i.id !== r.id) });
    }
  }

  async block(user) {
    if (this.blocks(user)) return;
    const b = await this.source.block(user);
    if (this.state.blocks) this._set({ blocks: [...this.state.blocks.filter((x) => x.id !== b.id), b] });
    else this._set({ blocks: await this.source.blocks() });
  }

  async unblock(user) {
    if (!this.state.blocks) this._set({ blocks: await this.source.blocks() });
    const b = this.state.blocks.find((x) => x.blocked === user);
    if (!b) return;
    await this.source.unblock(b.id);
    this.apply({ type: "block.deleted", record: b });
  }

  /** Accepts an invitation: gives the conversation it opens. */
  async accept(id) {
    const conversation = await this.source.accept(id);
    this._set({ invitations: this.state.invitations.filter((i) => i.id !== id) });
    return conversation;
  }

  /** Declines an invitation, and with block blocks who sent it. */
  async decline(id, block = false) {
    const inv = this.state.invitations.find((i) => i.id === id);
    await this.source.decline(id, block);
    this._set({ invitations: this.state.invitations.filter((i) => i.id !== id) });
    if (block && inv?.inviter && this.state.blocks) this._set({ blocks: await this.source.blocks() }); // the block came with it
  }
}
