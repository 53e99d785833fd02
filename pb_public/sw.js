// sw.js: the service worker of the standalone app. It keeps the app shell
// (the page, the elements, their chunks, the icons) so that the app opens
// at once, and offline: each is answered from this device, and fetched
// again behind it for next time (chunks named by their hash never change,
// so are not). Nothing else is touched: the API, files and the socket go
// to the server as ever. It also shows the push notifications pbchat sends
// while no tab is open (one per conversation: a newer one replaces it),
// and a click opens that conversation, in a tab already open if there is
// one.

const SHELL = "pbchat-shell-1";
const FILES = ["/", "/pbchat-elements.js", "/manifest.webmanifest", "/favicon.svg", "/favicon.ico"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== SHELL) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const page = req.mode === "navigate" && (url.pathname === "/" || url.pathname === "/index.html");
  const hashed = /^\/elements\/[^/]+-[A-Z0-9]{8}\.js$/.test(url.pathname);
  if (!page && !hashed && !FILES.includes(url.pathname) && !url.pathname.startsWith("/elements/")) return;
  const key = page ? "/" : url.pathname;
  event.respondWith(
    (async () => {
      const cache = await caches.open(SHELL);
      const kept = await cache.match(key);
      if (kept && hashed) return kept;
      const fresh = fetch(req).then(async (res) => {
        if (res.ok) await cache.put(key, res.clone());
        return res;
      });
      if (kept) {
        event.waitUntil(fresh.catch(() => {}));
        return kept;
      }
      return fresh;
    })(),
  );
});

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
