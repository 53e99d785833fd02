// build.mjs: bundles the chat's custom elements (ui/src) into what the
// binary serves: pb_public/pbchat-elements.js (the entry, a stable name
// hosts import) and pb_public/elements/ (chunks loaded when first needed,
// such as the emoji picker, named by their content's hash, so the server
// lets browsers keep them for good), with the picker's emoji data in
// English and German. The built files are committed, as PocketBase commits
// its admin UI, so that `make run` needs only Go. `node ui/build.mjs
// --check` fails when the committed files are not what the sources build
// to (make test runs it).

import { build } from "esbuild";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const publicDir = resolve(root, "pb_public");
const chunks = resolve(publicDir, "elements");
const version = JSON.parse(readFileSync(resolve(root, "ui/package.json"), "utf8")).version;

const result = await build({
  entryPoints: { "pbchat-elements": resolve(root, "ui/src/elements.js") },
  bundle: true,
  splitting: true,
  minify: true,
  format: "esm",
  target: "es2022",
  outdir: publicDir,
  chunkNames: "elements/[name]-[hash]",
  legalComments: "none",
  banner: { js: `// pbchat-elements ${version}: chat as custom elements for any PocketBase frontend. Built from ui/src by ui/build.mjs.` },
  write: false,
  logLevel: "warning",
});

// what the build makes: path under pb_public → content
const built = new Map(result.outputFiles.map((f) => [relative(publicDir, f.path), Buffer.from(f.contents)]));
const emojiData = { en: "en/emojibase", de: "de/cldr" };
for (const [lang, dir] of Object.entries(emojiData)) {
  const data = readFileSync(resolve(root, `node_modules/emoji-picker-element-data/${dir}/data.json`));
  built.set(`elements/emoji-${lang}.json`, data);
}

// the budget of what every visit downloads first (the 60 KB)
const BUDGET = 60 * 1024;
const entry = gzipSync(built.get("pbchat-elements.js"), { level: 9 }).length;
if (entry > BUDGET) {
  console.error(`pbchat-elements.js is ${entry} bytes gzipped, over its budget of ${BUDGET}: load what isn't needed at once on first use (import()).`);
  process.exit(1);
}

const existing = existsSync(chunks) ? readdirSync(chunks).map((f) => `elements/${f}`) : [];
if (process.argv.includes("--check")) {
  const wrong = [...built].filter(([name, body]) => {
    const path = resolve(publicDir, name);
    return !existsSync(path) || !readFileSync(path).equals(body);
  });
  const stale = existing.filter((name) => !built.has(name));
  if (wrong.length || stale.length) {
    console.error(`pb_public is not what ui/src builds to (${[...wrong.map(([n]) => n), ...stale.map((n) => n + " (stale)")].join(", ")}): run \`make ui\` and commit it.`);
    process.exit(1);
  }
  console.log(`pb_public/pbchat-elements.js and pb_public/elements/ are current (${built.size} files; the entry ${entry} bytes gzipped)`);
} else {
  rmSync(chunks, { recursive: true, force: true });
  mkdirSync(chunks, { recursive: true });
  for (const [name, body] of built) {
    writeFileSync(resolve(publicDir, name), body);
    console.log(`pb_public/${name}: ${body.length} bytes`);
  }
}
