// sw.js: the service worker: shows the push notifications pbchat sends
// while no tab is open (one per conversation: a newer one replaces it),
// and a click opens that conversation, in a tab already open if there is
// one.

self.addEventListener("push", (event) => {
  let p = {};
  try {
    p = event.data ? event.data.json() : {};
  } catch {
    /* not ours: show the default */
  }
  event.waitUntil(
    self.registration.showNotification(p.title || "pbchat", {
      body: p.body || "",
      tag: p.conversation || "pbchat",
      renotify: true,
      data: { url: p.url || "/" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || "/", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const tab = open.find((c) => new URL(c.url).origin === self.location.origin);
      if (tab) {
        await tab.focus();
        tab.postMessage({ type: "open", url });
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});
