// search.js: the search panel: messages of my conversations that match,
// newest first, each with its matches marked; picking one opens it in
// its conversation.

import { $, debounce, el, formatTime, showError, fill } from "./dom.js";
import { api, state } from "./store.js";
import { openConversation, jumpTo } from "./conversation.js";
import { titleOf } from "./inbox.js";

function open() {
  $("search-input").value = "";
  fill($("search-results"));
  $("search-state").textContent = "";
  showError("search-error", null);
  $("search-dialog").showModal();
  $("search-input").focus();
}

async function run() {
  const q = $("search-input").value.trim();
  showError("search-error", null);
  if (!q) {
    fill($("search-results"));
    $("search-state").textContent = "";
    return;
  }
  try {
    const params = new URLSearchParams({ q, perPage: "30" });
    if ($("search-here").checked && state.openId) params.set("conversation", state.openId);
    const res = await api.request("GET", `/api/chat/search?${params}`);
    if ($("search-input").value.trim() !== q) return; // typed on
    $("search-state").textContent = res.totalItems ? `${res.totalItems} found` : "Nothing found.";
    fill($("search-results"), ...res.items.map(result));
  } catch (err) {
    showError("search-error", err);
  }
}

function result(m) {
  const conv = state.conversations.get(m.conversation);
  return el(
    "li",
    {},
    el(
      "button",
      { type: "button", onclick: () => go(m) },
      el("span", { class: "result-where", text: `${conv ? titleOf(conv) : "A conversation"} · ${m.expand?.author?.name || ""} · ${formatTime(m.created)}` }),
      el("span", { class: "result-text" }, ...marked(m.snippet || m.text || "", m.highlights || [])),
    ),
  );
}

// marked puts the snippet in as text, with each match in a <mark>.
function marked(text, ranges) {
  const out = [];
  let last = 0;
  for (const [start, end] of ranges) {
    if (start > last) out.push(text.slice(last, start));
    out.push(el("mark", { text: text.slice(start, end) }));
    last = end;
  }
  out.push(text.slice(last));
  return out;
}

async function go(m) {
  $("search-dialog").close();
  await openConversation(m.conversation);
  await jumpTo(m.id);
}

export function wireSearch() {
  $("open-search").addEventListener("click", open);
  $("search-close").addEventListener("click", () => $("search-dialog").close());
  $("search-input").addEventListener("input", debounce(run, 250));
  $("search-here").addEventListener("change", run);
}
