// device-cache.js: what a reload shows at once, before the server answers:
// each person's inbox and the latest messages of the conversations they
// opened lately, kept on this device in IndexedDB under their user id,
// then brought up to date from the server. Signing out forgets them.
// Where there is no IndexedDB (Node, a private window that refuses it),
// nothing is kept and everything still works.

const NAME = "pbchat-cache";
const STORE = "entries";

let opening = null;

function db() {
  if (!globalThis.indexedDB) return Promise.resolve(null);
  opening ??= new Promise((resolve) => {
    const req = indexedDB.open(NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
  });
  return opening;
}

function run(mode, fn) {
  return db().then(
    (d) =>
      d &&
      new Promise((resolve) => {
        const tx = d.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req?.result);
        tx.onerror = tx.onabort = () => resolve(undefined);
      }),
  );
}

/** What was kept under key, or undefined. */
export function read(key) {
  return run("readonly", (s) => s.get(key)).catch(() => undefined);
}

const timers = new Map(); // key → {timer, value}

const put = (key, value) => run("readwrite", (s) => s.put(value, key)).catch(() => {});

/** Keeps value under key, after delay ms (the last of a burst of changes wins). */
export function write(key, value, delay = 400) {
  clearTimeout(timers.get(key)?.timer);
  if (!delay) {
    timers.delete(key);
    put(key, value);
    return;
  }
  const timer = setTimeout(() => {
    timers.delete(key);
    put(key, value);
  }, delay);
  timers.set(key, { timer, value });
}

// a page that goes (a reload, a tab closed) keeps what it was about to
globalThis.addEventListener?.("pagehide", () => {
  for (const [key, { timer, value }] of timers) {
    clearTimeout(timer);
    put(key, value);
  }
  timers.clear();
});

/** Forgets what is kept under key (a conversation one is no longer in). */
export function remove(key) {
  clearTimeout(timers.get(key)?.timer);
  timers.delete(key);
  return run("readwrite", (s) => s.delete(key)).catch(() => {});
}

/** Forgets everything kept for user me. */
export function forget(me) {
  for (const [key, { timer }] of timers) if (key.startsWith(`${me}:`)) (clearTimeout(timer), timers.delete(key));
  return run("readwrite", (s) => s.delete(IDBKeyRange.bound(`${me}:`, `${me}:\uffff`))).catch(() => {});
}

/** Plain data IndexedDB can keep: no Files, functions or class instances. */
export function plain(value) {
  return JSON.parse(JSON.stringify(value));
}
