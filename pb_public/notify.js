// notify.js: not missing a message while the tab is open: the unread total
// in the title, a desktop notification per conversation while the tab is
// hidden (never for a muted one, unless it mentions you and you asked for
// that), a soft sound if wanted; and this device's settings for them.

import { $, showError } from "./dom.js";
import { api, me, nameOf, state } from "./store.js";

const KEY = "pbchat.notify";

// device holds this device's choices: desktop notifications, sound (off by
// default).
export const device = { desktop: false, sound: false, push: "", ...JSON.parse(localStorage.getItem(KEY) || "{}") };

function saveDevice() {
  localStorage.setItem(KEY, JSON.stringify(device));
}

export function isMuted(conv) {
  const m = conv?.member;
  if (!m) return false;
  if (m.muted) return true;
  return !!m.mutedUntil && m.mutedUntil > new Date().toISOString().replace("T", " ");
}

// updateTitle shows the unread total of the conversations not muted.
export function updateTitle() {
  let total = 0;
  for (const c of state.conversations.values()) if (!isMuted(c)) total += c.unread || 0;
  document.title = total ? `(${total > 999 ? "999+" : total}) pbchat` : "pbchat";
}

let opener = null; // set by app.js: opens a conversation

export function onOpen(fn) {
  opener = fn;
}

// notify tells of message m in conv, while the tab is hidden.
export function notify(conv, m, title) {
  if (document.visibilityState !== "hidden" || m.author === me()) return;
  const mentioned = (m.mentions || []).includes(me());
  if (isMuted(conv) && !(mentioned && api.user?.mentionsBreakMute)) return;
  if (device.sound) beep();
  if (!device.desktop || typeof Notification === "undefined" || Notification.permission !== "granted") return;
  const author = m.expand?.author?.name || nameOf(m.author);
  const body = (m.text || (m.attachments?.length ? "sent an attachment" : "")).replace(/\s+/g, " ").slice(0, 140);
  const n = new Notification(title === author ? author : `${author} in ${title}`, {
    body,
    tag: conv.id, // one per conversation: a newer one replaces it
    renotify: true,
  });
  n.onclick = () => {
    window.focus();
    opener?.(conv.id);
    n.close();
  };
}

// beep is a short, soft tone.
function beep() {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 660;
    gain.gain.setValueAtTime(0.06, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.25);
  } catch {
    /* no audio here */
  }
}

// registerWorker starts the service worker that shows pushes, and opens
// the conversation of a notification clicked while a tab was open.
export async function registerWorker() {
  if (!("serviceWorker" in navigator)) return null;
  navigator.serviceWorker.addEventListener("message", (e) => {
    const id = new URL(e.data?.url || "/", location.href).hash.match(/conversation=([a-z0-9]+)/)?.[1];
    if (e.data?.type === "open" && id) opener?.(id);
  });
  try {
    return await navigator.serviceWorker.register("/sw.js");
  } catch (err) {
    console.error(err);
    return null;
  }
}

function keyBytes(b64) {
  const s = atob(b64.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((b64.length + 3) % 4));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

// setPush subscribes this browser to pushes (when no tab is open), or
// takes it off.
async function setPush(on) {
  try {
    const reg = await navigator.serviceWorker.ready;
    if (on) {
      if (Notification.permission !== "granted" && (await Notification.requestPermission()) !== "granted") throw new Error("Notifications are not allowed in this browser.");
      const { publicKey } = await api.request("GET", "/api/chat/push/key");
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
      const { endpoint, keys } = sub.toJSON();
      const rec = await api.create("pushSubscriptions", { endpoint, p256dh: keys.p256dh, auth: keys.auth });
      device.push = rec.id;
    } else {
      const sub = await reg.pushManager.getSubscription();
      await sub?.unsubscribe();
      if (device.push) await api.remove("pushSubscriptions", device.push).catch(() => {});
      device.push = "";
    }
    saveDevice();
  } catch (err) {
    $("set-push").checked = !!device.push;
    showError("settings-error", err);
  }
}

function openSettings() {
  $("set-push").checked = !!device.push;
  $("set-desktop").checked = device.desktop;
  $("set-sound").checked = device.sound;
  $("set-mentions").checked = !!api.user?.mentionsBreakMute;
  $("set-digests").checked = !api.user?.emailDigestsOff;
  renderPermission();
  showError("settings-error", null);
  $("settings-dialog").showModal();
}

function renderPermission() {
  const supported = typeof Notification !== "undefined";
  const p = supported ? Notification.permission : "unsupported";
  $("allow-notifications").hidden = p !== "default";
  $("permission-state").textContent =
    p === "granted" ? "This browser may show notifications." : p === "denied" ? "This browser blocks notifications from pbchat: allow them in its site settings." : p === "unsupported" ? "This browser can't show notifications." : "";
}

async function allow() {
  await Notification.requestPermission();
  if (Notification.permission === "granted") {
    device.desktop = true;
    $("set-desktop").checked = true;
    saveDevice();
  }
  renderPermission();
}

async function saveUserSetting() {
  try {
    const u = await api.update("users", api.user.id, {
      mentionsBreakMute: $("set-mentions").checked,
      emailDigestsOff: !$("set-digests").checked,
    });
    api.setUser(u);
  } catch (err) {
    showError("settings-error", err);
  }
}

export function wireNotify() {
  $("open-settings").addEventListener("click", openSettings);
  $("settings-close").addEventListener("click", () => $("settings-dialog").close());
  $("allow-notifications").addEventListener("click", allow);
  $("set-desktop").addEventListener("change", (e) => {
    device.desktop = e.target.checked;
    saveDevice();
  });
  $("set-sound").addEventListener("change", (e) => {
    device.sound = e.target.checked;
    saveDevice();
  });
  $("set-mentions").addEventListener("change", saveUserSetting);
  $("set-digests").addEventListener("change", saveUserSetting);
  $("set-push").addEventListener("change", (e) => setPush(e.target.checked));
}
