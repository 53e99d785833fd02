// build.mjs: bundles the chat's custom elements (ui/src) into one minified
// file the binary serves, pb_public/pbchat-elements.js. The built file is
// committed, as PocketBase commits its admin UI, so that `make run` needs
// only Go. `node ui/build.mjs --check` fails when the committed file is not
// what the sources build to (make test runs it).

import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(root, "pb_public/pbchat-elements.js");
const version = JSON.parse(readFileSync(resolve(root, "ui/package.json"), "utf8")).version;

const result = await build({
  entryPoints: [resolve(root, "ui/src/elements.js")],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  legalComments: "none",
  banner: { js: `// pbchat-elements ${version}: chat as custom elements for any PocketBase frontend. Built from ui/src by ui/build.mjs.` },
  write: false,
  logLevel: "warning",
});
const built = result.outputFiles[0].text;

if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(out, "utf8");
  } catch {
    // missing: differs
  }
  if (committed !== built) {
    console.error("pb_public/pbchat-elements.js is not what ui/src builds to: run `make ui` and commit it.");
    process.exit(1);
  }
  console.log(`pb_public/pbchat-elements.js is current (${built.length} bytes)`);
} else {
  writeFileSync(out, built);
  console.log(`pb_public/pbchat-elements.js: ${built.length} bytes`);
}
