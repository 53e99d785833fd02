// composer.js: writing and sending. A message's id is chosen here, so that
// a retry after a failure can't store it twice; a failed send shows the
// server's error in words, with Retry and Discard.

import { $, el } from "./dom.js";
import { api, live, state } from "./store.js";
import { addMessage, renderMessages } from "./conversation.js";
import { newId } from "./chat-client.js";

export function send(event) {
  event?.preventDefault();
  const text = $("composer-text").value;
  if (!text.trim() && !state.files.length) return;
  const id = newId();
  state.pending.set(id, { conversation: state.openId, text: text.trim(), files: state.files, error: "" });
  $("composer-text").value = "";
  autosize();
  state.files = [];
  renderFiles();
  renderMessages(true);
  sendPending(id);
}

async function sendPending(id) {
  const p = state.pending.get(id);
  if (!p) return;
  p.error = "";
  renderMessages(false);
  let body;
  if (p.files.length) {
    body = new FormData();
    body.append("id", id);
    body.append("conversation", p.conversation);
    body.append("text", p.text);
    for (const f of p.files) body.append("attachments", f);
  } else {
    body = { id, conversation: p.conversation, text: p.text };
  }
  try {
    const m = await api.create("messages", body);
    state.pending.delete(id);
    if (m.conversation === state.openId) {
      m.expand = { author: api.user };
      if (!state.messages.has(m.id)) addMessage(m);
      else renderMessages(true);
    }
  } catch (err) {
    p.error = err.message;
    renderMessages(false);
  }
}

export function renderPending(id, p) {
  return el(
    "li",
    { class: `msg mine ${p.error ? "failed" : "pending"}`, "data-id": id },
    el("div", { class: "msg-meta" }, el("span", { class: "msg-author", text: "You" }), el("span", { text: p.error ? "Not sent" : "Sending…" })),
    p.text ? el("p", { class: "msg-text", text: p.text }) : null,
    p.files.length ? el("p", { class: "muted", text: `Attachments: ${p.files.map((f) => f.name).join(", ")}` }) : null,
    p.error
      ? el(
          "p",
          { class: "msg-status", role: "alert" },
          el("span", { text: p.error + " " }),
          el("button", { type: "button", class: "retry", text: "Retry", onclick: () => sendPending(id) }),
          " ",
          el("button", { type: "button", text: "Discard", onclick: () => (state.pending.delete(id), renderMessages(false)) }),
        )
      : null,
  );
}

export function autosize() {
  const area = $("composer-text");
  area.style.height = "auto";
  area.style.height = Math.min(area.scrollHeight, 160) + "px";
}

export function renderFiles() {
  $("attachment-list").replaceChildren(
    ...state.files.map((f, i) =>
      el(
        "span",
        {},
        `${f.name} `,
        el("button", {
          type: "button",
          text: "×",
          "aria-label": `Remove ${f.name}`,
          onclick: () => {
            state.files.splice(i, 1);
            renderFiles();
          },
        }),
      ),
    ),
  );
}

export function wireComposer() {
  $("composer").addEventListener("submit", send);
  $("composer-text").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) send(e);
  });
  $("composer-text").addEventListener("input", () => {
    autosize();
    if (state.openId && $("composer-text").value) live.chat?.typing(state.openId);
  });
  $("composer-files").addEventListener("change", (e) => {
    state.files.push(...e.target.files);
    e.target.value = "";
    renderFiles();
  });
}
