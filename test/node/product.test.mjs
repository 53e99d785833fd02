// pbchat as a newcomer and an operator meet it: the binary's first start,
// its help, version and demo seed, its answers to unknown paths, its
// metrics. The server is the one make run starts: a built binary, not dev mode.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import PocketBase from "pocketbase";

import { binary, newDataDir, startServer } from "./server.mjs";
import { PASSWORD } from "./world.mjs";

describe("a fresh server", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.stop());

  test("starts with a short log: no SQL, no secrets, no installer token", async () => {
    // sign-up and a message, so that there is something to log
    const pb = new PocketBase(server.url);
    await pb.collection("users").create({ name: "Ann", email: "ann@example.com", password: PASSWORD, passwordConfirm: PASSWORD });
    await pb.collection("users").authWithPassword("ann@example.com", PASSWORD);
    const conv = await pb.collection("conversations").create({ title: "Log" });
    await pb.collection("messages").create({ conversation: conv.id, text: "hello" });

    const log = server.output();
    const lines = log.trim().split("\n");
    assert.ok(lines.length <= 6, `a short log, got:\n${log}`);
    // token secrets are 50 random letters and digits, tokens longer still
    assert.deepEqual(secretLike(log), [], log);
    assert.doesNotMatch(log, /SELECT|INSERT|pbinstall/, log);
    // the hint, run as printed (only EMAIL and PASSWORD filled in), writes
    // to this server's data, wherever the binary is
    const hint = log.match(/^ +(\S+) superuser upsert EMAIL PASSWORD (--dir=\S+)$/m);
    assert.ok(hint, `a hint with the data dir, got:\n${log}`);
    assert.equal(hint[2], `--dir=${server.dir}`);

    const admin = new PocketBase(server.url);
    execFileSync(binary(), ["superuser", "upsert", "root@example.com", PASSWORD, hint[2]]);
    await admin.collection("_superusers").authWithPassword("root@example.com", PASSWORD);
    const settings = await admin.settings.getAll();
    assert.equal(settings.meta.appName, "pbchat");
    assert.equal(settings.rateLimits.enabled, true);
    assert.deepEqual(
      settings.rateLimits.rules.map((r) => `${r.label} ${r.audience} ${r.maxRequests}/${r.duration}s`),
      [
        "chat:message @auth 30/10s",
        "chat:reaction @auth 60/10s",
        "chat:conversation @auth 20/60s",
        "chat:rename @auth 10/60s",
        "chat:member @auth 200/60s",
      ],
    );
  });

  test("unknown API routes and missing files are JSON 404s; the favicon is an icon", async () => {
    for (const path of ["/api/chat/no-such-route", "/api/nope", "/no-such-file.js"]) {
      const res = await fetch(server.url + path);
      assert.equal(res.status, 404, path);
      assert.match(res.headers.get("content-type"), /application\/json/, path);
      assert.equal((await res.json()).status, 404);
    }
    const icon = await fetch(server.url + "/favicon.ico");
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get("content-type"), "image/vnd.microsoft.icon");
    const page = await (await fetch(server.url + "/")).text();
    assert.match(page, /<link rel="icon" href="\/favicon.svg"/);
    assert.equal((await fetch(server.url + "/favicon.svg")).status, 200);
  });

  test("metrics: superusers only, in Prometheus's text format", async () => {
    assert.equal((await fetch(server.url + "/api/chat/metrics")).status, 401);
    const pb = new PocketBase(server.url);
    await pb.collection("users").authWithPassword("ann@example.com", PASSWORD);
    const asUser = await fetch(server.url + "/api/chat/metrics", { headers: { Authorization: pb.authStore.token } });
    assert.equal(asUser.status, 403);

    const admin = new PocketBase(server.url);
    await admin.collection("_superusers").authWithPassword("root@example.com", PASSWORD);
    const res = await fetch(server.url + "/api/chat/metrics", { headers: { Authorization: admin.authStore.token } });
    assert.equal(res.status, 200);
    const text = await res.text();
    for (const name of [
      "pbchat_sockets",
      "pbchat_users_connected",
      "pbchat_events_total",
      "pbchat_deliveries_total",
      "pbchat_slow_closes_total",
      "pbchat_resumes_total",
      "pbchat_resyncs_total",
      "pbchat_queue_depth",
      "pbchat_delivery_latency_seconds_bucket",
      "pbchat_push_sent_total",
      "pbchat_digest_emails_sent_total",
    ]) {
      assert.match(text, new RegExp(`^${name}[ {]`, "m"), name);
    }
    // the one message so far was fanned out, and its latency observed
    assert.match(text, /^pbchat_delivery_latency_seconds_count [1-9]/m);
  });
});

test("the same check finds the users collection's secrets in dev mode's log (make dev)", async (t) => {
  const dev = await startServer(["--dev"]);
  t.after(() => dev.stop());
  assert.ok(secretLike(dev.output()).length > 0, "dev mode logs its SQL, secrets and all");
});

/** secretLike returns the runs of 30 or more token characters in text. */
function secretLike(text) {
  return text.match(/[A-Za-z0-9_-]{30,}/g) || [];
}

test("--help lists the chat's flags with their defaults; --version names the build", () => {
  const help = execFileSync(binary(), ["--help"], { encoding: "utf8" });
  for (const flag of ["--chatMaxSockets int .*\\(default 16\\)", "--chatMaxMembers int .*\\(default 20000\\)", "--chatPing duration .*\\(default 30s\\)", "--hooksDir", "--chatMetrics", "seed"]) {
    assert.match(help, new RegExp(flag), flag);
  }
  assert.match(execFileSync(binary(), ["--version"], { encoding: "utf8" }), /^pbchat version \S+ \(PocketBase v0\.40\.\d+\)/);
});

test("seed makes demo people with a known password, once, and only in an empty database", async (t) => {
  const dir = newDataDir();
  const out = execFileSync(binary(), ["seed", `--dir=${dir}`], { encoding: "utf8" });
  assert.match(out, /alice@example\.com/);
  assert.match(out, /password pbchat-demo/);
  assert.equal(execFileSync(binary(), ["seed", `--dir=${dir}`], { encoding: "utf8" }), out, "a second seed changes nothing");

  const server = await startServer([], dir);
  t.after(() => server.stop());
  const pb = new PocketBase(server.url);
  await pb.collection("users").authWithPassword("alice@example.com", "pbchat-demo");
  const inbox = await pb.collection("conversations").getList(1, 50, { sort: "-lastMessageAt", expand: "lastMessage.author" });
  assert.equal(inbox.items.length, 3);
  assert.ok(inbox.items.every((c) => c.expand?.lastMessage?.text));
  const welcome = inbox.items.find((c) => c.title === "Welcome to pbchat");
  assert.equal(welcome.mentions, 1, "Bob's @Alice counts for Alice");

  const other = await startServer();
  const pb2 = new PocketBase(other.url);
  await pb2.collection("users").create({ email: "real@example.com", password: PASSWORD, passwordConfirm: PASSWORD });
  await other.stop(true);
  assert.throws(
    () => execFileSync(binary(), ["seed", `--dir=${other.dir}`], { stdio: "pipe" }),
    (err) => /already has users/.test(err.stderr) && !/Usage:/.test(err.stderr),
  );
  rmSync(other.dir, { recursive: true, force: true });
});
