// composer.js: writing and sending. A message's id is chosen here, so that
// a retry after a failure can't store it twice; a failed send shows the
// server's error in words, with Retry and Discard.

import { $, el, formatSize, fill } from "./dom.js";
import { api, live, me, nameOf, state } from "./store.js";
import { addMessage } from "./conversation.js";
import { renderMessages } from "./messages.js";
import { clearMentions, complete, keydown, mentionIds, restoreMentions, takeMentions } from "./mentions.js";
import { newId } from "./chat-client.js";

// MAX_FILE is the server's limit per attachment; a larger file is refused
// here, before it is uploaded.
const MAX_FILE = 10 << 20;
const MAX_FILES = 10;

// switchDraft puts away what is being written in the conversation being
// left and brings back what was being written in the one opened: each
// conversation keeps its own draft (text, attachments, reply, mentions).
export function switchDraft(from, to) {
  const area = $("composer-text");
  if (from && (area.value || state.files.length || state.replyTo)) {
    state.drafts.set(from, { text: area.value, files: state.files, replyTo: state.replyTo, mentions: takeMentions() });
  } else if (from) {
    state.drafts.delete(from);
  }
  const d = state.drafts.get(to);
  state.drafts.delete(to);
  area.value = d?.text || "";
  state.files = d?.files || [];
  state.replyTo = d?.replyTo || null;
  restoreMentions(d?.mentions);
  autosize();
  renderFiles();
  renderReplyBar();
}

export function send(event) {
  event?.preventDefault();
  if (!state.openId) return;
  const text = $("composer-text").value;
  if (!text.trim() && !state.files.length) return;
  const id = newId();
  state.pending.set(id, {
    conversation: state.openId,
    text: text.trim(),
    files: state.files,
    replyTo: state.replyTo?.id || "",
    mentions: mentionIds(text),
    error: "",
  });
  $("composer-text").value = "";
  autosize();
  state.files = [];
  state.replyTo = null;
  clearMentions();
  renderFiles();
  renderReplyBar();
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
    if (p.replyTo) body.append("replyTo", p.replyTo);
    for (const u of p.mentions) body.append("mentions", u);
    for (const f of p.files) body.append("attachments", f);
  } else {
    body = { id, conversation: p.conversation, text: p.text, replyTo: p.replyTo || undefined, mentions: p.mentions };
  }
  try {
    const m = await api.create("messages", body);
    state.pending.delete(id);
    if (m.conversation === state.openId) {
      m.expand = { ...m.expand, author: api.user };
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

// renderReplyBar shows what the next message replies to.
export function renderReplyBar() {
  const m = state.replyTo;
  $("reply-bar").hidden = !m;
  if (!m) return;
  fill($("reply-bar"),
    el("span", { text: `Replying to ${m.author === me() ? "yourself" : m.expand?.author?.name || nameOf(m.author)}: ` }),
    el("span", { class: "quote-text", text: (m.text || "an attachment").slice(0, 120) }),
    el("button", {
      type: "button",
      text: "×",
      "aria-label": "Cancel the reply",
      onclick: () => {
        state.replyTo = null;
        renderReplyBar();
      },
    }),
  );
}

// addFiles takes the files picked, refusing any over the limit at once.
function addFiles(files) {
  const refused = [];
  for (const f of files) {
    if (f.size > MAX_FILE) refused.push(`${f.name} is ${formatSize(f.size)}: the limit is 10 MB.`);
    else if (state.files.length >= MAX_FILES) refused.push(`At most ${MAX_FILES} files to a message.`);
    else state.files.push(f);
  }
  $("composer-error").textContent = refused.join(" ");
  renderFiles();
}

export function renderFiles() {
  fill($("attachment-list"),
    ...state.files.map((f, i) =>
      el(
        "span",
        {},
        `${f.name} (${formatSize(f.size)}) `,
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
    if (keydown(e)) return;
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) send(e);
  });
  $("composer-text").addEventListener("input", () => {
    autosize();
    complete();
    if (state.openId && $("composer-text").value) live.chat?.typing(state.openId);
  });
  $("composer-files").addEventListener("change", (e) => {
    addFiles([...e.target.files]);
    e.target.value = "";
  });
}
