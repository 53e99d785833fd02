// notifications.js: not missing a message while the tab is open but not
// looked at: a desktop notification per conversation (never for a muted
// one, unless it mentions me and I asked for that), a soft sound if
// wanted; this device's choices; pushes while no tab is open (the service
// worker, sw.js).

import { isMuted } from "./inbox-store.js";
import { previewOf } from "./format.js";
import { t } from "./i18n.js";

const KEY = "pbchat.notify";

/** This device's choices: desktop notifications, sound, the push subscription's record. */
export const device = { desktop: false, sound: false, push: "", ...JSON.parse(globalThis.localStorage?.getItem(KEY) || "{}") };

export function saveDevice() {
  localStorage.setItem(KEY, JSON.stringify(device));
}

/** Notifies of new messages of session while the page is hidden; open(id) opens a conversation. Returns the stop. */
export function notifyOf(session, open) {
  return session.client.on("message.created", ({ conversation, record: m }) => {
    // nothing of someone I block, or of what I reported
    if (document.visibilityState !== "hidden" || m.author === session.me || m.withheld) return;
    const row = session.inbox.row(conversation);
    const mentioned = (m.mentions || []).includes(session.me);
    if (isMuted(row?.member) && !(mentioned && session.user?.mentionsBreakMute)) return;
    if (device.sound) beep();
    if (!device.desktop || typeof Notification === "undefined" || Notification.permission !== "granted") return;
    const author = m.expand?.author?.name || session.people.nameOf(m.author);
    const title = row?.title || "";
    const n = new Notification(!title || title === author ? author : t("{author} in {title}", { author, title }), {
      body: previewOf(m),
      tag: conversation, // one per conversation: a newer one replaces it
      renotify: true,
    });
    n.onclick = () => {
      window.focus();
      open(conversation);
      n.close();
    };
  });
}

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
    // no audio here
  }
}

/** Starts the service worker; a notification clicked while a tab is open opens its conversation there. */
let opener = null; // the latest app's: one listener for the page

export async function registerWorker(open) {
  if (!("serviceWorker" in navigator)) return null;
  if (!opener) {
    navigator.serviceWorker.addEventListener("message", (e) => {
      const id = conversationIn(e.data?.url || "");
      if (e.data?.type === "open" && id) opener?.(id);
    });
  }
  opener = open;
  try {
    return await navigator.serviceWorker.register("/sw.js");
  } catch (err) {
    console.error(err);
    return null;
  }
}

/** The conversation a URL or hash points at (#conversation=<id>), or "". */
export function conversationIn(url) {
  return String(url).match(/[#&]conversation=([a-z0-9]+)/)?.[1] || "";
}

function keyBytes(b64) {
  const s = atob(b64.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((b64.length + 3) % 4));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Subscribes this browser to pushes (when no tab is open), or takes it off. */
export async function setPush(pb, on) {
  const reg = await navigator.serviceWorker.ready;
  if (on) {
    if (Notification.permission !== "granted" && (await Notification.requestPermission()) !== "granted") throw new Error(t("Notifications are not allowed in this browser."));
    const { publicKey } = await pb.send("/api/chat/push/key", { method: "GET", requestKey: null });
    const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
    const { endpoint, keys } = sub.toJSON();
    const rec = await pb.collection("pushSubscriptions").create({ endpoint, p256dh: keys.p256dh, auth: keys.auth }, { requestKey: null });
    device.push = rec.id;
  } else {
    const sub = await reg.pushManager.getSubscription();
    await sub?.unsubscribe();
    if (device.push) await pb.collection("pushSubscriptions").delete(device.push, { requestKey: null }).catch(() => {});
    device.push = "";
  }
  saveDevice();
}
