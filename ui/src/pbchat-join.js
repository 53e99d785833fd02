// <pbchat-join token="…">: where an invite link leads (#join=<token>):
// the conversation's title and how many are in it, and Join; a link that
// doesn't work (revoked, expired, used up) says so in the server's words.
// Joining fires pbchat-open ({conversation}). Used by <pbchat-app>.

import { LitElement, html, nothing } from "lit";

import { describe } from "./errors.js";
import { list, t } from "./i18n.js";
import { tokens } from "./styles.js";

/** The token of an invite link's address (#join=<token>), or "". */
export function joinIn(url) {
  return String(url).match(/[#&]join=([A-Za-z0-9_-]+)/)?.[1] || "";
}

/** The address of an invite link to the web app of the server at base. */
export function joinUrl(base, token) {
  return `${String(base).replace(/\/$/, "")}/#join=${token}`;
}

export class PbchatJoin extends LitElement {
  static properties = {
    session: { attribute: false },
    token: { type: String },
    _preview: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  static styles = [tokens];

  willUpdate(changed) {
    if (changed.has("token") || changed.has("session")) this._load();
  }

  _path() {
    return `/api/chat/join/${encodeURIComponent(this.token || "")}`;
  }

  async _load() {
    this._preview = null;
    this._error = "";
    if (!this.session || !this.token) return;
    try {
      this._preview = await this.session.pb.send(this._path(), { requestKey: null });
    } catch (err) {
      this._error = describe(err);
    }
  }

  async _join() {
    this._busy = true;
    try {
      const c = await this.session.pb.send(this._path(), { method: "POST", requestKey: null });
      await this.session.inbox.refresh(c.id);
      this.dispatchEvent(new CustomEvent("pbchat-open", { detail: { conversation: c.id }, bubbles: true, composed: true, cancelable: true }));
    } catch (err) {
      this._error = describe(err);
    } finally {
      this._busy = false;
    }
  }

  render() {
    const p = this._preview;
    const title = p ? p.title || list((p.heroes || []).map((h) => h.name)) : "";
    return html`<section class="join" aria-label=${t("Invite link")} style="padding: 1.5rem; max-width: 32rem">
      <h2>${t("Invite link")}</h2>
      ${p
        ? html`<p>${t("Join “{title}”?", { title })} <span class="muted">${t("{n} members", { n: p.members })}</span></p>
            <div class="actions" style="justify-content: flex-start">
              ${p.member
                ? html`<button type="button" class="primary" @click=${this._join}>${t("Open it: you are a member")}</button>`
                : html`<button type="button" class="primary" ?disabled=${this._busy} @click=${this._join}>${t("Join")}</button>`}
            </div>`
        : this._error
          ? nothing
          : html`<p class="muted">${t("Loading…")}</p>`}
      <p class="error" role="alert">${this._error}</p>
    </section>`;
  }
}

if (!customElements.get("pbchat-join")) customElements.define("pbchat-join", PbchatJoin);
