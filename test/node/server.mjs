// server.mjs: starts a real pbchat server on a free loopback port with a
// fresh data dir, for the SDK tests. PBCHAT_BIN names the binary (make
// test builds it); without it the tests build one with the go command.

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

/** The pbchat binary the tests run (built once per process without PBCHAT_BIN). */
let built = "";
export function binary() {
  if (process.env.PBCHAT_BIN) return resolve(root, process.env.PBCHAT_BIN);
  if (built) return built;
  // not under the temp dir, where PocketBase would run in dev mode
  const out = join(root, ".bin", "pbchat-node");
  built = out;
  execFileSync("go", ["build", "-o", out, "."], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN || "go1.27.3" },
  });
  return out;
}

/** A fresh data dir, removed when the server on it stops. */
export function newDataDir() {
  return mkdtempSync(join(tmpdir(), "pbchat-data-"));
}

/**
 * Starts pbchat, with extra command-line args, on dir (default: a fresh
 * one); returns {url, dir, stop, output}.
 */
export async function startServer(args = [], dir = newDataDir()) {
  const bin = binary();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(bin, ["serve", `--http=127.0.0.1:${port}`, `--dir=${dir}`, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  proc.stdout.on("data", (d) => (output += d));
  proc.stderr.on("data", (d) => (output += d));
  const exited = new Promise((ok) => proc.on("exit", ok));

  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(url + "/api/health");
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null || Date.now() > deadline) {
      throw new Error(`pbchat did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dir,
    output: () => output,
    /** Stops the server and removes its data dir, unless keep. */
    async stop(keep = false) {
      proc.kill("SIGTERM");
      await exited;
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}
