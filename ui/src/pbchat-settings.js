// <pbchat-settings>: the settings dialog: on this device, desktop and push
// notifications and a sound (asking the browser's permission from a button
// a person presses); everywhere, whether a mention breaks a mute and email
// digests; privacy: who may add me to conversations directly (anyone else
// invites me), and the people I block, each to unblock; "Download my
// data". Used by <pbchat-app>.

import { LitElement, html, nothing } from "lit";

import { device, saveDevice, setPush } from "./notifications.js";
import { describe } from "./errors.js";
import { tokens } from "./styles.js";
import { t } from "./i18n.js";

export class PbchatSettings extends LitElement {
  static properties = {
    session: { attribute: false },
    _error: { state: true },
    _permission: { state: true },
  };

  static styles = [tokens];

  show() {
    this._error = "";
    this._off?.();
    this._off = this.session.safety.subscribe(() => this.requestUpdate());
    this.session.safety.wantBlocks();
    this._permission = typeof Notification === "undefined" ? "unsupported" : Notification.permission;
    this.requestUpdate();
    this.updateComplete.then(() => this.renderRoot.querySelector("dialog").showModal());
  }

  async _allow() {
    await Notification.requestPermission();
    this._permission = Notification.permission;
    if (this._permission === "granted") {
      device.desktop = true;
      saveDevice();
    }
    this.requestUpdate();
  }

  _device(key, on) {
    device[key] = on;
    saveDevice();
  }

  async _push(e) {
    try {
      await setPush(this.session.pb, e.target.checked);
    } catch (err) {
      e.target.checked = !!device.push;
      this._error = describe(err);
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._off?.();
  }

  async _unblock(user) {
    try {
      await this.session.safety.unblock(user);
    } catch (err) {
      this._error = describe(err);
    }
  }

  // _download saves "Download my data" as a file
  async _download() {
    try {
      const pb = this.session.pb;
      const res = await fetch(pb.buildURL("/api/chat/export"), { headers: { Authorization: pb.authStore.token } });
      if (!res.ok) throw Object.assign(new Error(res.statusText), { status: res.status });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(await res.blob());
      a.download = `pbchat-${this.session.me}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (err) {
      this._error = describe(err);
    }
  }

  async _user(change) {
    try {
      await this.session.pb.collection("users").update(this.session.me, change, { requestKey: null });
    } catch (err) {
      this._error = describe(err);
    }
  }

  // _blocked lists the people I block, each to unblock
  _blocked() {
    const blocks = this.session?.safety.state.blocks;
    if (!blocks) return html`<p class="muted">${t("Loading…")}</p>`;
    if (!blocks.length) return html`<p class="muted">${t("You block nobody.")}</p>`;
    return html`<ul class="plain" aria-label=${t("People you block")}>
      ${blocks.map((b) => {
        const name = b.expand?.blocked?.name || this.session.people.nameOf(b.blocked);
        return html`<li class="actions" style="justify-content: space-between">
          <span>${name}</span>
          <button type="button" @click=${() => this._unblock(b.blocked)}>${t("Unblock")}<span class="visually-hidden"> ${name}</span></button>
        </li>`;
      })}
    </ul>`;
  }

  render() {
    const u = this.session?.user || {};
    const p = this._permission;
    const words = {
      granted: t("This browser may show notifications."),
      denied: t("This browser blocks notifications from pbchat: allow them in its site settings."),
      unsupported: t("This browser can't show notifications."),
    };
    return html`<dialog aria-labelledby="settings-title" part="dialog">
      <div class="body">
        <h2 id="settings-title">${t("Settings")}</h2>
        <h3>${t("On this device")}</h3>
        ${words[p] ? html`<p class="muted">${words[p]}</p>` : nothing}
        ${p === "default" ? html`<button type="button" class="primary" @click=${this._allow}>${t("Allow notifications")}</button>` : nothing}
        <label class="check"
          ><input type="checkbox" .checked=${device.desktop} @change=${(e) => this._device("desktop", e.target.checked)} /> ${t("Desktop notifications while pbchat is in the background")}</label
        >
        <label class="check"><input type="checkbox" .checked=${!!device.push} @change=${this._push} /> ${t("Push notifications while pbchat is closed")}</label>
        <label class="check"><input type="checkbox" .checked=${device.sound} @change=${(e) => this._device("sound", e.target.checked)} /> ${t("A soft sound for new messages")}</label>
        <h3>${t("Everywhere")}</h3>
        <label class="check"
          ><input type="checkbox" .checked=${!!u.mentionsBreakMute} @change=${(e) => this._user({ mentionsBreakMute: e.target.checked })} /> ${t("A mention of me notifies even in muted conversations")}</label
        >
        <label class="check"
          ><input type="checkbox" .checked=${!u.emailDigestsOff} @change=${(e) => this._user({ emailDigestsOff: !e.target.checked })} /> ${t("Email me a digest when I've been away 15 minutes with unread messages")}</label
        >
        <p class="muted">${t("Mute a conversation in its People & settings.")}</p>
        <h3>${t("Privacy")}</h3>
        <label
          >${t("Who can add me to conversations")}
          <select @change=${(e) => this._user({ whoCanAdd: e.target.value })}>
            ${[
              ["everyone", t("Everyone")],
              ["shared", t("People I share a conversation with")],
              ["nobody", t("Nobody: everyone invites me")],
            ].map(([v, label]) => html`<option value=${v} ?selected=${(u.whoCanAdd || "shared") === v}>${label}</option>`)}
          </select></label
        >
        <p class="muted">${t("Anyone else can only invite you: you accept or decline.")}</p>
        ${this._blocked()}
        <h3>${t("Your data")}</h3>
        <p class="muted">${t("Your settings, conversations, messages, reactions and blocks, as a JSON file.")}</p>
        <button type="button" @click=${this._download}>${t("Download my data")}</button>
        <p class="error" role="alert">${this._error || ""}</p>
        <div class="actions"><button type="button" @click=${() => this.renderRoot.querySelector("dialog").close()}>${t("Close")}</button></div>
      </div>
    </dialog>`;
  }
}

if (!customElements.get("pbchat-settings")) customElements.define("pbchat-settings", PbchatSettings);
