// emoji.js: the emoji picker (emoji-picker-element: search, categories,
// skin tones, recently used, keyboard and screen reader support, all of
// which a fixed row of eight reactions lacked). It is loaded on first use,
// with its data from this server (never a CDN), in the page's language.

import { html } from "lit";
import { language, t } from "./i18n.js";

const dataURL = (lang) => new URL(`elements/emoji-${lang}.json`, import.meta.url).href;

let loading = null;

async function load() {
  loading ??= Promise.all([import("emoji-picker-element"), import("emoji-picker-element/i18n/de.js")]);
  const [, de] = await loading;
  return { de: de.default };
}

/**
 * Shows the picker in a dialog of el's shadow root and resolves to the
 * emoji picked, or "" if the person closed it.
 */
export async function pickEmoji(el) {
  const { de } = await load();
  const dialog = el.renderRoot.querySelector("dialog.emoji");
  const picker = dialog.querySelector("emoji-picker") || document.createElement("emoji-picker");
  const lang = language() === "de" ? "de" : "en";
  picker.locale = lang;
  picker.dataSource = dataURL(lang);
  if (lang === "de") picker.i18n = de;
  if (!picker.isConnected) dialog.querySelector(".picker").append(picker);
  dialog.showModal();
  return new Promise((resolve) => {
    const done = (emoji) => {
      picker.removeEventListener("emoji-click", onPick);
      dialog.removeEventListener("close", onClose);
      if (dialog.open) dialog.close();
      resolve(emoji);
    };
    const onPick = (e) => done(e.detail.unicode || "");
    const onClose = () => done("");
    picker.addEventListener("emoji-click", onPick);
    dialog.addEventListener("close", onClose);
  });
}

/** The dialog pickEmoji shows the picker in; an element renders it once. */
export function emojiDialog() {
  return html`<dialog class="emoji" aria-label=${t("Pick an emoji")} style="padding:0;width:auto">
    <div class="picker"></div>
    <form method="dialog" class="actions" style="padding:0.4rem"><button>${t("Close")}</button></form>
  </dialog>`;
}
