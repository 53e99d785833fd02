// avatar.js: a person's picture, or their initials on a colour of their own.

import { html } from "lit";
import { hueOf, initials } from "./format.js";

/** user: {id, name, avatar, collectionId}; base: the server's URL. */
export function avatar(user, base, size = "") {
  if (user?.avatar && user.collectionId) {
    const src = `${base}/api/files/${encodeURIComponent(user.collectionId)}/${encodeURIComponent(user.id)}/${encodeURIComponent(user.avatar)}?thumb=100x100`;
    return html`<img class="avatar ${size}" src=${src} alt="" />`;
  }
  return html`<span class="avatar ${size}" style="--hue: ${hueOf(user?.id)}" aria-hidden="true">${initials(user?.name)}</span>`;
}
