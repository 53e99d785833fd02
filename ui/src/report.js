// report.js: reporting a message to the server's administrators, from its
// menu: a reason and, if wanted, a few words; the message is then hidden
// for the reporter. An element renders reportView(this) and calls
// askReport(this, m).

import { html, nothing } from "lit";

import { describe } from "./errors.js";
import { t } from "./i18n.js";

// the reasons the server takes, in words
const reasons = () => [
  ["spam", t("Spam")],
  ["harassment", t("Harassment")],
  ["hate", t("Hate")],
  ["violence", t("Violence or threats")],
  ["sexual", t("Sexual content")],
  ["self-harm", t("Self-harm")],
  ["other", t("Something else")],
];

/** Opens the report dialog for message m. */
export function askReport(el, m) {
  el._menu = null;
  el._report = { m, error: "" };
  el.requestUpdate();
  el.updateComplete.then(() => el.renderRoot.querySelector("dialog.report")?.showModal());
}

export function reportView(el) {
  const r = el._report;
  if (!r) return nothing;
  const close = () => {
    el.renderRoot.querySelector("dialog.report")?.close();
    el._report = null;
    el.requestUpdate();
  };
  const send = async (e) => {
    e.preventDefault();
    const f = e.target.elements;
    try {
      await el.session.pb.collection("reports").create({ message: r.m.id, reason: f.reason.value, details: f.details.value.trim() }, { requestKey: null });
      close();
    } catch (err) {
      el._report = { ...r, error: describe(err) };
      el.requestUpdate();
    }
  };
  return html`<dialog class="report" aria-labelledby="report-title" @cancel=${close}>
    <form class="body" @submit=${send}>
      <h2 id="report-title">${t("Report this message")}</h2>
      <p class="muted">${t("The server's administrators see it, with what it says now. Nobody else learns of it; it is hidden for you.")}</p>
      <label
        >${t("Why?")}
        <select name="reason" required>
          ${reasons().map(([v, label]) => html`<option value=${v}>${label}</option>`)}
        </select></label
      >
      <label>${t("Anything to add (optional)")} <textarea name="details" maxlength="1000" rows="3"></textarea></label>
      <p class="error" role="alert">${r.error}</p>
      <div class="actions">
        <button type="button" @click=${close}>${t("Cancel")}</button>
        <button type="submit" class="primary">${t("Report")}</button>
      </div>
    </form>
  </dialog>`;
}
