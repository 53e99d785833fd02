// profile.js: your profile: name, picture, and whether others see when
// you are online.

import { $, showError } from "./dom.js";
import { api } from "./store.js";

function open() {
  const u = api.user || {};
  $("profile-name").value = u.name || "";
  $("profile-avatar").value = "";
  $("profile-hidden").checked = !!u.presenceHidden;
  showError("profile-error", null);
  $("profile-dialog").showModal();
  $("profile-name").focus();
}

async function save(event) {
  event.preventDefault();
  const body = new FormData();
  body.append("name", $("profile-name").value.trim());
  body.append("presenceHidden", String($("profile-hidden").checked));
  const file = $("profile-avatar").files[0];
  if (file) {
    if (file.size > 5 << 20) {
      $("profile-error").textContent = "A picture is at most 5 MB.";
      return;
    }
    body.append("avatar", file);
  }
  try {
    const u = await api.update("users", api.user.id, body);
    api.setUser(u);
    $("me-name").textContent = u.name || u.email || "";
    $("profile-dialog").close();
  } catch (err) {
    showError("profile-error", err);
  }
}

export function wireProfile() {
  $("open-profile").addEventListener("click", open);
  $("profile-form").addEventListener("submit", save);
  $("profile-cancel").addEventListener("click", () => $("profile-dialog").close());
}
