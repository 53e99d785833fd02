// connection.js: one socket per PocketBase client, shared by every element
// on the page that uses it, following its sign-in and sign-out.

import { ChatClient } from "../../pb_public/chat-client.js";

const shared = new WeakMap(); // pb → {client, users, unlisten}

/**
 * Returns the chat client of the host's PocketBase SDK instance pb, opened
 * while at least one element holds it, and a release function.
 */
export function connect(pb) {
  let entry = shared.get(pb);
  if (!entry) {
    const client = new ChatClient({ baseUrl: pb.baseURL, authStore: pb.authStore });
    const unlisten = pb.authStore.onChange(() => {
      if (pb.authStore.isValid) client.connect();
      else client.close();
    });
    entry = { client, users: 0, unlisten };
    shared.set(pb, entry);
  }
  if (entry.users++ === 0 && pb.authStore.isValid) entry.client.connect();
  let released = false;
  return {
    client: entry.client,
    release() {
      if (released) return;
      released = true;
      if (--entry.users === 0) {
        entry.client.close();
        entry.unlisten?.();
        shared.delete(pb);
      }
    },
  };
}

/** The signed-in user's id in pb's auth store, or "". */
export function meOf(pb) {
  return pb.authStore.record?.id || pb.authStore.model?.id || "";
}

/**
 * follow runs session(client) while pb is signed in, again after each
 * sign-in (another person, another session), and signedOut() while it
 * isn't. session starts what an element shows and returns what stops it;
 * follow returns what stops everything.
 */
export function follow(pb, { session, signedOut }) {
  let stop = null;
  const run = () => {
    stop?.();
    stop = null;
    if (!pb.authStore.isValid) {
      signedOut();
      return;
    }
    const { client, release } = connect(pb);
    const end = session(client);
    stop = () => (end(), release());
  };
  const unlisten = pb.authStore.onChange(run);
  run();
  return () => {
    stop?.();
    unlisten();
  };
}

/**
 * bind feeds a store the client's frames, reloads it after a resume (its
 * counts are REST's), hands its state to onState, and loads it; it returns
 * what undoes all that.
 */
export function bind(client, store, onState) {
  const offs = [
    client.on("*", (frame) => store.apply(frame)),
    client.on("ready", (e) => e.resumed && store.load()),
    store.subscribe(onState),
  ];
  store.load();
  return () => offs.forEach((off) => off());
}
