// confirm.js: asking before something that can't be undone, in the app's
// own dialog (not the browser's confirm()). An element renders
// confirmView(this) and calls ask(this, question, yes, action).

import { html, nothing } from "lit";
import { t } from "./i18n.js";

/** Asks question; action runs if the person agrees (yes is the button's words). */
export function ask(el, question, yes, action) {
  el._confirm = { question, yes, action };
  el.requestUpdate();
  el.updateComplete.then(() => el.renderRoot.querySelector("dialog.confirm")?.showModal());
}

export function confirmView(el) {
  const c = el._confirm;
  if (!c) return nothing;
  const close = (run) => {
    el.renderRoot.querySelector("dialog.confirm")?.close();
    el._confirm = null;
    el.requestUpdate();
    if (run) c.action();
  };
  return html`<dialog class="confirm" role="alertdialog" aria-label=${c.question} @cancel=${() => close(false)}>
    <div class="body">
      <p>${c.question}</p>
      <div class="actions">
        <button type="button" @click=${() => close(false)}>${t("Cancel")}</button>
        <button type="button" class="primary" @click=${() => close(true)}>${c.yes}</button>
      </div>
    </div>
  </dialog>`;
}
