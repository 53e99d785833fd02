// history.js: what an edited message said before ("edited" opens it):
// each earlier text with when it was replaced, then the text now, read as
// the message is (a block withholds it, an app's hooks mask it). An
// element renders historyView(this) and calls showHistory(this, m).

import { html, nothing } from "lit";

import { describe } from "./errors.js";
import { stamp, t } from "./i18n.js";

/** Opens the edit history of message m. */
export async function showHistory(el, m) {
  el._history = { m, versions: null, error: "" };
  el.requestUpdate();
  el.updateComplete.then(() => el.renderRoot.querySelector("dialog.history")?.showModal());
  try {
    const res = await el.session.pb.send(`/api/chat/messages/${encodeURIComponent(m.id)}/versions`, { requestKey: null });
    el._history = { ...el._history, versions: res.items };
  } catch (err) {
    el._history = { ...el._history, error: describe(err) };
  }
  el.requestUpdate();
}

export function historyView(el) {
  const h = el._history;
  if (!h) return nothing;
  const close = () => {
    el.renderRoot.querySelector("dialog.history")?.close();
    el._history = null;
    el.requestUpdate();
  };
  const said = (v) => (v.withheld ? t("A message from someone you blocked") : v.text);
  return html`<dialog class="history" aria-labelledby="history-title" @cancel=${close}>
    <div class="body">
      <h2 id="history-title">${t("Edit history")}</h2>
      ${h.versions
        ? html`<ol class="plain" aria-label=${t("Earlier versions")}>
            ${h.versions.map((v) => html`<li><p class="msg-version">${said(v)}</p><p class="muted">${t("until {time}", { time: stamp(v.updated) })}</p></li>`)}
            <li><p>${said(h.m)}</p><p class="muted">${t("now")}</p></li>
          </ol>`
        : h.error
          ? nothing
          : html`<p class="muted">${t("Loading…")}</p>`}
      <p class="error" role="alert">${h.error}</p>
      <div class="actions"><button type="button" @click=${close}>${t("Close")}</button></div>
    </div>
  </dialog>`;
}
