// <pbchat-new-conversation>: the dialog that starts a conversation with
// people picked by name, and an optional title. Two people have one direct
// conversation: asking again opens the one they have. Fires pbchat-created
// ({conversation}). Used inside <pbchat-inbox>.

import { LitElement, html, nothing } from "lit";

import { findPeople } from "./people-search.js";
import { describe } from "./errors.js";
import { tokens } from "./styles.js";
import { t } from "./i18n.js";

export class PbchatNewConversation extends LitElement {
  static properties = {
    session: { attribute: false },
    _found: { state: true },
    _picked: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  static styles = [tokens];

  constructor() {
    super();
    this._reset();
  }

  _reset() {
    this._found = [];
    this._picked = [];
    this._error = "";
    this._busy = false;
  }

  show() {
    this._reset();
    const d = this.renderRoot.querySelector("dialog");
    d.querySelector("form").reset();
    d.showModal();
    d.querySelector("input[type=search]").focus();
  }

  async _search(e) {
    const input = e.target; // an event's target is gone once it is dispatched
    const q = input.value;
    clearTimeout(this._timer);
    this._timer = setTimeout(async () => {
      try {
        const found = await findPeople(this.session, q, new Set(this._picked.map((u) => u.id)));
        if (input.value === q) this._found = found;
      } catch (err) {
        this._error = describe(err);
      }
    }, 150);
  }

  _pick(u) {
    this._picked = [...this._picked, u];
    this._found = [];
    const input = this.renderRoot.querySelector("input[type=search]");
    input.value = "";
    input.focus();
  }

  async _create(e) {
    e.preventDefault();
    if (!this._picked.length) {
      this._error = t("Pick at least one person.");
      return;
    }
    this._busy = true;
    const form = e.target;
    const title = form.elements.title.value.trim();
    let id = "";
    try {
      id = await this.session.startWith(this._picked.map((u) => u.id), title);
    } catch (err) {
      this._error = describe(err);
    }
    this._busy = false;
    if (!id) return;
    this.renderRoot.querySelector("dialog").close();
    this.dispatchEvent(new CustomEvent("pbchat-created", { detail: { conversation: id } }));
  }

  render() {
    return html`<dialog aria-labelledby="new-title" part="dialog">
      <form @submit=${this._create}>
        <h2 id="new-title">${t("New conversation")}</h2>
        <label>${t("Title (optional)")} <input name="title" maxlength="200" /></label>
        <label>${t("Add people by name")} <input type="search" autocomplete="off" @input=${this._search} /></label>
        ${this._found.length
          ? html`<ul class="plain" aria-label=${t("People found")}>
              ${this._found.map((u) => html`<li><button type="button" class="link" @click=${() => this._pick(u)}>${u.name || t("Someone")}</button></li>`)}
            </ul>`
          : nothing}
        ${this._picked.length
          ? html`<ul class="plain actions" style="justify-content:flex-start" aria-label=${t("People chosen")}>
              ${this._picked.map(
                (u) => html`<li>
                  <button type="button" aria-label=${t("Remove {name}", { name: u.name })} @click=${() => (this._picked = this._picked.filter((x) => x !== u))}>${u.name} ×</button>
                </li>`,
              )}
            </ul>`
          : nothing}
        <p class="error" role="alert">${this._error}</p>
        <div class="actions">
          <button type="button" @click=${() => this.renderRoot.querySelector("dialog").close()}>${t("Cancel")}</button>
          <button type="submit" class="primary" ?disabled=${this._busy}>${t("Start conversation")}</button>
        </div>
      </form>
    </dialog>`;
  }
}

if (!customElements.get("pbchat-new-conversation")) customElements.define("pbchat-new-conversation", PbchatNewConversation);
