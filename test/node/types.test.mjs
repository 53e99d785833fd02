// The types of chat-client.js (pb_public/chat-client.d.ts): the manual's
// TypeScript example (docs/websocket.md, examples/typescript) compiles, the mistakes in test/ts don't, and the
// declared constants are the module's.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { CloseCodes, States } from "../../pb_public/chat-client.js";

const root = resolve(import.meta.dirname, "../..");
const tsc = resolve(root, "node_modules/typescript/bin/tsc");

function check(project) {
  try {
    execFileSync(process.execPath, [tsc, "-p", project], { cwd: root, encoding: "utf8" });
    return "";
  } catch (err) {
    return err.stdout + err.stderr || String(err);
  }
}

test("the TypeScript example compiles with tsc --noEmit", () => {
  assert.equal(check("examples/typescript"), "");
});

test("a wrong event name, field or option fails the build", () => {
  // each mistake carries @ts-expect-error: a mistake that compiled would fail here
  assert.equal(check("test/ts"), "");
  // and without the directives, every one of them is an error
  const source = readFileSync(resolve(root, "test/ts/mistakes.ts"), "utf8");
  const expected = source.split("\n").filter((l) => l.trim().startsWith("// @ts-expect-error")).length;
  assert.ok(expected >= 8);
  const dir = mkdtempSync(join(tmpdir(), "pbchat-ts-"));
  try {
    writeFileSync(
      join(dir, "mistakes.ts"),
      source.replaceAll("@ts-expect-error", "was expected").replaceAll("../../pb_public/", resolve(root, "pb_public") + "/"),
    );
    const options = JSON.parse(readFileSync(resolve(root, "examples/typescript/tsconfig.json"), "utf8")).compilerOptions;
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: options, files: ["mistakes.ts"] }));
    const errors = check(dir).match(/error TS\d+/g) || [];
    assert.equal(errors.length, expected, "each mistake is one error");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the declared close codes and states are the module's", () => {
  const dts = readFileSync(resolve(root, "pb_public/chat-client.d.ts"), "utf8");
  for (const [name, code] of Object.entries(CloseCodes)) assert.match(dts, new RegExp(`\\b${name}: ${code};`));
  for (const [name, state] of Object.entries(States)) assert.match(dts, new RegExp(`\\b${name}: "${state}";`));
});
