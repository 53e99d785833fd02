// <pbchat-auth>: signing in and signing up with email and password,
// through the PocketBase client given (pb). The SDK's auth store keeps the
// session; every element following it goes live. Used by <pbchat-app>.

import { LitElement, css, html } from "lit";

import { describe } from "./errors.js";
import { tokens } from "./styles.js";
import { t } from "./i18n.js";

export class PbchatAuth extends LitElement {
  static properties = {
    pb: { attribute: false },
    message: { type: String },
    _signup: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  static styles = [
    tokens,
    css`
      :host {
        display: grid;
        place-items: center;
        padding: 2rem 1rem;
      }
      section {
        width: min(24rem, 100%);
        padding: 1.5rem;
        border: 1px solid var(--_line);
        border-radius: calc(var(--_radius) * 1.5);
        background: var(--_surface);
      }
      [role="tablist"] {
        display: flex;
        gap: 0.5rem;
        margin-bottom: 1rem;
      }
      [role="tab"] {
        flex: 1;
      }
      [role="tab"][aria-selected="true"] {
        border-color: var(--_accent);
        background: var(--_selected);
      }
      form {
        display: grid;
        gap: 0.8rem;
      }
    `,
  ];

  constructor() {
    super();
    this._signup = false;
    this._error = "";
  }

  _tab(signup) {
    this._signup = signup;
    this._error = "";
    this.updateComplete.then(() => this.renderRoot.querySelector("input")?.focus());
  }

  async _submit(e) {
    e.preventDefault();
    const f = e.target.elements;
    const users = this.pb.collection("users");
    this._busy = true;
    this._error = "";
    try {
      const email = f.email.value.trim();
      if (this._signup) {
        await users.create({ name: f.name.value.trim(), email, password: f.password.value, passwordConfirm: f.password.value }, { requestKey: null });
      }
      await users.authWithPassword(email, f.password.value, { requestKey: null });
    } catch (err) {
      this._error = describe(err);
    } finally {
      this._busy = false;
    }
  }

  render() {
    const up = this._signup;
    return html`<section part="card">
      <div role="tablist" aria-label=${t("Sign in or sign up")}>
        <button type="button" role="tab" aria-selected=${String(!up)} @click=${() => this._tab(false)}>${t("Sign in")}</button>
        <button type="button" role="tab" aria-selected=${String(up)} @click=${() => this._tab(true)}>${t("Sign up")}</button>
      </div>
      <form role="tabpanel" aria-label=${up ? t("Sign up") : t("Sign in")} @submit=${this._submit}>
        ${up ? html`<label>${t("Name")} <input name="name" autocomplete="name" required maxlength="255" /></label>` : ""}
        <label>${t("Email")} <input name="email" type="email" autocomplete=${up ? "email" : "username"} required /></label>
        <label>${t("Password")} <input name="password" type="password" autocomplete=${up ? "new-password" : "current-password"} required minlength=${up ? 8 : 1} /></label>
        <button type="submit" class="primary" ?disabled=${this._busy}>${up ? t("Create account") : t("Sign in")}</button>
        <p class="error" role="alert">${this._error || this.message || ""}</p>
      </form>
    </section>`;
  }
}

if (!customElements.get("pbchat-auth")) customElements.define("pbchat-auth", PbchatAuth);
