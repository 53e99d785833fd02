// world.mjs: a real pbchat server with three signed-up people (Alice, Bob,
// Carol), for a test file; and the helpers the files share.

import { after, before } from "node:test";
import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import PocketBase from "pocketbase";
import WebSocket from "ws";
import { EventSource } from "eventsource";

import { ChatClient } from "../../pb_public/chat-client.js";
import { binary, startServer } from "./server.mjs";

// The SDK's realtime uses the browser's EventSource; Node 20 has none.
globalThis.EventSource = EventSource;

export const PASSWORD = "password-1234";

/**
 * useWorld starts a server (with extra command-line args) before the
 * file's tests and stops it after.
 */
export function useWorld(args = []) {
  const world = { server: null, people: {} }; // people: name → {pb, id}
  before(async () => {
    world.server = await startServer(args);
    await unlimited(world.server);
    for (const name of ["Alice", "Bob", "Carol"]) await signUp(world, name);
  });
  after(async () => {
    for (const p of Object.values(world.people)) p.pb.realtime.unsubscribe();
    await world.server?.stop();
  });
  return world;
}

/**
 * unlimited turns the per-user posting limits off: the suites post faster
 * than people do (ratelimit_test.go and product.test.mjs test the limits).
 */
async function unlimited(server) {
  execFileSync(binary(), ["superuser", "upsert", "suite@example.com", PASSWORD, `--dir=${server.dir}`]);
  const admin = new PocketBase(server.url);
  await admin.collection("_superusers").authWithPassword("suite@example.com", PASSWORD);
  await admin.settings.update({ rateLimits: { enabled: false } });
}

async function signUp(world, name) {
  const pb = new PocketBase(world.server.url);
  pb.autoCancellation(false);
  const email = `${name.toLowerCase()}@example.com`;
  // everyone may add them, so that the suites form groups freely
  // (safety.test.mjs sets the default back: strangers invite)
  await pb.collection("users").create({ name, email, password: PASSWORD, passwordConfirm: PASSWORD, whoCanAdd: "everyone" });
  const auth = await pb.collection("users").authWithPassword(email, PASSWORD);
  world.people[name] = { pb, id: auth.record.id };
}

/** waitFor resolves when cond() is truthy, polling; it fails after ms. */
export async function waitFor(what, cond, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A chat client of the given person, collecting every frame. */
export function connect(world, person, options = {}) {
  const client = new ChatClient({ baseUrl: world.server.url, authStore: person.pb.authStore, WebSocket, minDelay: 50, ...options });
  const frames = [];
  client.on("*", (f) => frames.push(f));
  const ready = new Promise((ok) => client.on("ready", ok));
  client.connect();
  return { client, frames, ready };
}
