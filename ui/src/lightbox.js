// lightbox.js: an image of a conversation, large, in a dialog: ArrowLeft
// and ArrowRight go through the conversation's images, Escape closes, and
// the original opens in a tab of its own. (A dialog and a few keys serve
// where photoswipe's gestures and zoom would add 60 KB.)

import { html, nothing } from "lit";
import { displayName, isImage } from "./format.js";
import { t } from "./i18n.js";

/** The images of messages, in order: {m, name}. */
export function imagesOf(messages) {
  return messages.flatMap((m) => (m.attachments || []).filter(isImage).map((name) => ({ m, name })));
}

/**
 * view: {items, index} or null; url(m, name, thumb); move(step); close().
 */
export function lightbox(view, url, move, close) {
  if (!view) return nothing;
  const { m, name } = view.items[view.index];
  const shown = (m.files || []).find((f) => f.name === name)?.original || displayName(name);
  return html`<dialog
    class="lightbox"
    aria-label=${shown}
    @close=${close}
    @keydown=${(e) => {
      const step = { ArrowLeft: -1, ArrowRight: 1 }[e.key];
      if (step) (e.preventDefault(), move(step));
    }}
  >
    <figure>
      <img src=${url(m, name)} alt=${shown} />
      <figcaption>
        ${shown} · ${view.index + 1} / ${view.items.length}
        <a href=${url(m, name)} target="_blank" rel="noopener noreferrer">${t("Open the original")}</a>
      </figcaption>
    </figure>
    <div class="actions">
      <button type="button" ?disabled=${view.index === 0} @click=${() => move(-1)}>${t("Previous")}</button>
      <button type="button" ?disabled=${view.index === view.items.length - 1} @click=${() => move(1)}>${t("Next")}</button>
      <button type="button" @click=${close}>${t("Close")}</button>
    </div>
  </dialog>`;
}
