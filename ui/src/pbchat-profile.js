// <pbchat-profile>: your profile: name, picture, and whether others see
// when you are online. Used by <pbchat-app>.

import { LitElement, html } from "lit";

import { describe } from "./errors.js";
import { tokens } from "./styles.js";
import { t } from "./i18n.js";

export class PbchatProfile extends LitElement {
  static properties = {
    session: { attribute: false },
    _error: { state: true },
  };

  static styles = [tokens];

  show() {
    this._error = "";
    this.requestUpdate();
    this.updateComplete.then(() => {
      const d = this.renderRoot.querySelector("dialog");
      d.querySelector("form").reset();
      d.showModal();
      d.querySelector("input").focus();
    });
  }

  async _save(e) {
    e.preventDefault();
    const f = e.target.elements;
    const body = new FormData();
    body.append("name", f.name.value.trim());
    body.append("presenceHidden", String(f.hidden.checked));
    const file = f.avatar.files[0];
    if (file) {
      if (file.size > 5 << 20) return (this._error = t("A picture is at most 5 MB."));
      body.append("avatar", file);
    }
    try {
      await this.session.pb.collection("users").update(this.session.me, body, { requestKey: null });
      this.renderRoot.querySelector("dialog").close();
    } catch (err) {
      this._error = describe(err);
    }
  }

  render() {
    const u = this.session?.user || {};
    return html`<dialog aria-labelledby="profile-title" part="dialog">
      <form @submit=${this._save}>
        <h2 id="profile-title">${t("Your profile")}</h2>
        <label>${t("Name")} <input name="name" maxlength="255" required .defaultValue=${u.name || ""} /></label>
        <label>${t("Picture")} <input name="avatar" type="file" accept="image/png,image/jpeg,image/gif,image/webp" /></label>
        <label class="check"><input name="hidden" type="checkbox" .defaultChecked=${!!u.presenceHidden} /> ${t("Hide when I'm online")}</label>
        <p class="error" role="alert">${this._error || ""}</p>
        <div class="actions">
          <button type="button" @click=${() => this.renderRoot.querySelector("dialog").close()}>${t("Cancel")}</button>
          <button type="submit" class="primary">${t("Save")}</button>
        </div>
      </form>
    </dialog>`;
  }
}

if (!customElements.get("pbchat-profile")) customElements.define("pbchat-profile", PbchatProfile);
