// app.js: the pbchat web app. REST through api.js, live events through
// chat-client.js. Every piece of text from the server goes into the page as
// text (textContent), never as HTML.

import { Api, quote } from "./api.js";
import { ChatClient, States, newId } from "./chat-client.js";

const PAGE = 50;
const TYPING_SHOWN_MS = 3000;

const $ = (id) => document.getElementById(id);
const api = new Api();
let chat = null;

const state = {
  conversations: new Map(), // id → conversation record, plus preview and unread
  users: new Map(), // id → {id, name}
  openId: "",
  messages: new Map(), // id → message record of the open conversation
  pending: new Map(), // id → {conversation, text, files, error}
  oldest: null, // the oldest loaded message, for paging back
  hasOlder: false,
  loadingOlder: false,
  typing: new Map(), // user id → timer
  readAt: {}, // conversation id → created of the last message read
  picked: new Map(), // new-conversation picker: id → user
  files: [], // attachments waiting in the composer
  loaded: false,
};

// el builds an element; strings become text nodes, never markup.
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

function me() {
  return api.user?.id || "";
}

function showError(target, err) {
  $(target).textContent = err ? err.message || String(err) : "";
}

// ---------------------------------------------------------------- sessions

function showAuth(message = "") {
  chat?.close();
  chat = null;
  $("auth-view").hidden = false;
  $("chat-view").hidden = true;
  $("me").hidden = true;
  $("conn-state").hidden = true;
  $("auth-error").textContent = message;
  $("signin-email").focus();
}

function switchTab(signup) {
  $("tab-signin").setAttribute("aria-selected", String(!signup));
  $("tab-signup").setAttribute("aria-selected", String(signup));
  $("signin-form").hidden = signup;
  $("signup-form").hidden = !signup;
  showError("auth-error", null);
}

async function submitAuth(event, signup) {
  event.preventDefault();
  const button = event.submitter;
  button.disabled = true;
  showError("auth-error", null);
  try {
    if (signup) await api.signUp($("signup-name").value.trim(), $("signup-email").value.trim(), $("signup-password").value);
    else await api.signIn($("signin-email").value.trim(), $("signin-password").value);
    startChat();
  } catch (err) {
    showError("auth-error", err);
  } finally {
    button.disabled = false;
  }
}

function signOut() {
  api.signOut();
  resetState();
  showAuth();
}

function resetState() {
  state.conversations.clear();
  state.messages.clear();
  state.pending.clear();
  state.openId = "";
  state.loaded = false;
  $("conversations").replaceChildren();
  $("messages").replaceChildren();
}

// ---------------------------------------------------------------- realtime

const stateWords = {
  [States.CONNECTING]: "Connecting…",
  [States.LIVE]: "Live",
  [States.RECONNECTING]: "Reconnecting…",
  [States.OFFLINE]: "Offline",
  [States.UNAUTHORIZED]: "Signed out",
  [States.IDLE]: "",
  [States.CLOSED]: "",
};

function startChat() {
  $("auth-view").hidden = true;
  $("chat-view").hidden = false;
  $("me").hidden = false;
  $("me-name").textContent = api.user?.name || api.user?.email || "";
  $("conn-state").hidden = false;
  state.readAt = JSON.parse(localStorage.getItem(readKey()) || "{}");
  remember(api.user);

  chat = new ChatClient({ token: () => api.token });
  chat.on("state", (s) => {
    const node = $("conn-state");
    node.dataset.state = s;
    node.textContent = stateWords[s] || s;
  });
  // REST loads wait for the first ready, so that nothing committed between
  // the load and the socket going live is missed; after that the resume
  // brings the messages, and the list is reloaded for conversation changes.
  chat.on("ready", (e) => loadConversations(e.resumed));
  chat.on("resync", () => {
    state.loaded = false;
  });
  chat.on("message.created", onMessageCreated);
  chat.on("message.updated", (e) => onMessageChanged(e.record));
  chat.on("message.deleted", (e) => onMessageDeleted(e.record));
  chat.on("conversation.created", (e) => onConversation(e.record));
  chat.on("conversation.updated", (e) => onConversation(e.record));
  chat.on("conversation.removed", (e) => onConversationRemoved(e.conversation));
  chat.on("typing", onTyping);
  chat.on("close", async (e) => {
    if (e.code !== 4401) return;
    try {
      await api.refresh(); // an expired token: renew it and go on
      chat.connect();
    } catch {
      signOut();
      showAuth("Your session has ended. Please sign in again.");
    }
  });
  chat.connect();
}

// ---------------------------------------------------------------- conversations

function readKey() {
  return `pbchat.read.${me()}`;
}

function markRead(convId, created) {
  if (!created || (state.readAt[convId] || "") >= created) return;
  state.readAt[convId] = created;
  localStorage.setItem(readKey(), JSON.stringify(state.readAt));
}

function remember(user) {
  if (user?.id) state.users.set(user.id, { id: user.id, name: user.name || "" });
}

function nameOf(id) {
  if (id === me()) return "You";
  const u = state.users.get(id);
  return u ? u.name || "Someone" : "…";
}

async function loadNames(ids) {
  const missing = [...new Set(ids)].filter((id) => id && !state.users.has(id));
  for (let i = 0; i < missing.length; i += 40) {
    const chunk = missing.slice(i, i + 40);
    const res = await api.list("users", {
      perPage: chunk.length,
      skipTotal: 1,
      fields: "id,name",
      filter: chunk.map((id) => `id=${quote(id)}`).join("||"),
    });
    res.items.forEach(remember);
    for (const id of chunk) if (!state.users.has(id)) state.users.set(id, { id, name: "Deleted user" });
  }
}

function titleOf(conv) {
  if (conv.title) return conv.title;
  const others = (conv.participants || []).filter((id) => id !== me());
  if (!others.length) return "Just you";
  return others.map(nameOf).join(", ");
}

async function loadConversations(resumed) {
  try {
    const items = await api.listAll("conversations", { sort: "-lastMessageAt,-created" });
    const fresh = new Map(items.map((c) => [c.id, c]));
    for (const id of state.conversations.keys()) if (!fresh.has(id)) onConversationRemoved(id);
    await loadNames(items.flatMap((c) => c.participants));
    await Promise.all(items.map((c) => summarize(c)));
    for (const c of items) state.conversations.set(c.id, c);
    renderList();
    if (state.openId && (!resumed || !state.loaded)) await openConversation(state.openId, true);
    state.loaded = true;
  } catch (err) {
    console.error(err);
    $("no-conversations").hidden = false;
    $("no-conversations").textContent = err.message;
  }
}

// summarize fills the preview and unread count of a conversation.
async function summarize(conv) {
  const [last, unread] = await Promise.all([
    api.list("messages", { filter: `conversation=${quote(conv.id)}`, sort: "-created,-id", perPage: 1, skipTotal: 1 }),
    api.list("messages", {
      filter: `conversation=${quote(conv.id)} && author!=${quote(me())} && created>${quote(state.readAt[conv.id] || "")}`,
      perPage: 1,
      fields: "id",
    }),
  ]);
  conv.preview = last.items[0] ? previewOf(last.items[0]) : "";
  conv.unread = unread.totalItems;
}

function previewOf(m) {
  const text = (m.text || "").replace(/\s+/g, " ").trim();
  const words = text.split(" ").slice(0, 8).join(" ");
  const body = words ? words + (text.length > words.length ? "…" : "") : m.attachments?.length ? "sent an attachment" : "";
  return `${nameOf(m.author)}: ${body}`;
}

function renderList() {
  const list = [...state.conversations.values()].sort(
    (a, b) => (b.lastMessageAt || b.created).localeCompare(a.lastMessageAt || a.created),
  );
  $("no-conversations").hidden = list.length > 0;
  $("no-conversations").textContent = "No conversations yet. Start one with “New”.";
  $("conversations").replaceChildren(
    ...list.map((c) =>
      el(
        "li",
        {},
        el(
          "button",
          {
            type: "button",
            "data-id": c.id,
            "aria-current": c.id === state.openId ? "true" : "false",
            "aria-label": `${titleOf(c)}${c.unread ? `, ${c.unread} unread` : ""}`,
            onclick: () => openConversation(c.id),
          },
          el("span", { class: "conv-name", text: titleOf(c) }),
          c.unread ? el("span", { class: "unread", text: String(c.unread) }) : el("span"),
          el("span", { class: "conv-preview", text: c.preview || "No messages yet" }),
        ),
      ),
    ),
  );
}

async function onConversation(record) {
  const old = state.conversations.get(record.id);
  const conv = { ...old, ...record };
  if (!old) {
    conv.preview = "";
    conv.unread = 0;
  }
  state.conversations.set(record.id, conv);
  await loadNames(record.participants || []);
  renderList();
  if (state.openId === record.id) renderHeader();
}

function onConversationRemoved(id) {
  state.conversations.delete(id);
  renderList();
  if (state.openId === id) {
    closeConversation();
    $("placeholder").querySelector("p").textContent = "You are no longer in that conversation.";
  }
}

// ---------------------------------------------------------------- messages

async function openConversation(id, reload = false) {
  if (state.openId === id && !reload && !$("conversation").hidden) {
    $("composer-text").focus();
    return;
  }
  const switching = state.openId !== id;
  state.openId = id;
  if (switching) {
    state.messages.clear();
    state.files = [];
    renderFiles();
    $("typing").textContent = "";
  }
  $("chat-view").classList.add("open");
  $("placeholder").hidden = true;
  $("conversation").hidden = false;
  renderHeader();
  renderList();
  try {
    const res = await api.list("messages", {
      filter: `conversation=${quote(id)}`,
      sort: "-created,-id",
      perPage: PAGE,
      skipTotal: 1,
      expand: "author",
    });
    if (state.openId !== id) return;
    state.messages.clear();
    res.items.forEach((m) => state.messages.set(m.id, m));
    state.oldest = res.items[res.items.length - 1] || null;
    state.hasOlder = res.items.length === PAGE;
    renderMessages(true);
    seen();
  } catch (err) {
    $("older-state").textContent = err.message;
  }
  if (switching) $("composer-text").focus();
}

function closeConversation() {
  state.openId = "";
  state.messages.clear();
  $("conversation").hidden = true;
  $("placeholder").hidden = false;
  $("chat-view").classList.remove("open");
  renderList();
}

// seen marks the open conversation read up to its newest message.
function seen() {
  const conv = state.conversations.get(state.openId);
  if (!conv) return;
  const newest = [...state.messages.values()].reduce((a, m) => (m.created > a ? m.created : a), "");
  markRead(conv.id, newest);
  if (conv.unread) {
    conv.unread = 0;
    renderList();
  }
}

async function loadOlder() {
  if (!state.hasOlder || state.loadingOlder || !state.oldest) return;
  state.loadingOlder = true;
  $("older-state").textContent = "Loading older messages…";
  const { created, id } = state.oldest;
  const conv = state.openId;
  try {
    const res = await api.list("messages", {
      filter: `conversation=${quote(conv)} && (created<${quote(created)} || (created=${quote(created)} && id<${quote(id)}))`,
      sort: "-created,-id",
      perPage: PAGE,
      skipTotal: 1,
      expand: "author",
    });
    if (state.openId !== conv) return;
    res.items.forEach((m) => state.messages.set(m.id, m));
    state.oldest = res.items[res.items.length - 1] || state.oldest;
    state.hasOlder = res.items.length === PAGE;
    const scroller = $("messages-scroll");
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    renderMessages(false);
    scroller.scrollTop = scroller.scrollHeight - fromBottom;
    $("older-state").textContent = state.hasOlder ? "" : "This is the beginning of the conversation.";
  } catch (err) {
    $("older-state").textContent = err.message;
  } finally {
    state.loadingOlder = false;
  }
}

function onMessageCreated(e) {
  const m = e.record;
  const conv = state.conversations.get(e.conversation);
  if (!conv) {
    loadConversations(true);
    return;
  }
  if (m.expand?.author) remember(m.expand.author);
  conv.lastMessageAt = m.created;
  conv.preview = previewOf(m);
  const open = state.openId === e.conversation;
  if (open) {
    state.pending.delete(m.id);
    addMessage(m);
    if (document.visibilityState === "visible") seen();
  } else if (m.author !== me()) {
    conv.unread = (conv.unread || 0) + 1;
  }
  clearTyping(m.author);
  renderList();
}

function onMessageChanged(m) {
  if (m.conversation !== state.openId || !state.messages.has(m.id)) return;
  state.messages.set(m.id, { ...state.messages.get(m.id), ...m });
  renderMessages(false);
}

function onMessageDeleted(m) {
  if (m.conversation !== state.openId) return;
  state.messages.delete(m.id);
  renderMessages(false);
}

function addMessage(m) {
  const scroller = $("messages-scroll");
  const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  state.messages.set(m.id, m);
  renderMessages(atBottom || m.author === me());
}

function formatTime(created) {
  const d = new Date(created.replace(" ", "T"));
  const time = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return d.toDateString() === new Date().toDateString() ? time : `${d.toLocaleDateString()} ${time}`;
}

function renderMessages(scrollToEnd) {
  const sorted = [...state.messages.values()].sort((a, b) =>
    a.created === b.created ? a.id.localeCompare(b.id) : a.created.localeCompare(b.created),
  );
  const pending = [...state.pending.entries()].filter(([, p]) => p.conversation === state.openId);
  $("messages").replaceChildren(...sorted.map(renderMessage), ...pending.map(([id, p]) => renderPending(id, p)));
  $("older-state").textContent = state.hasOlder ? "" : sorted.length ? "This is the beginning of the conversation." : "No messages yet: say hello.";
  if (scrollToEnd) {
    const scroller = $("messages-scroll");
    scroller.scrollTop = scroller.scrollHeight;
  }
}

function renderMessage(m) {
  const mine = m.author === me();
  const author = mine ? "You" : m.expand?.author?.name || nameOf(m.author);
  const edited = m.updated && m.updated !== m.created;
  const li = el(
    "li",
    { class: `msg${mine ? " mine" : ""}`, "data-id": m.id },
    el(
      "div",
      { class: "msg-meta" },
      el("span", { class: "msg-author", text: author }),
      el("time", { datetime: m.created, text: formatTime(m.created) }),
      edited ? el("span", { text: "(edited)" }) : null,
      mine
        ? el(
            "span",
            { class: "msg-actions" },
            el("button", { type: "button", class: "edit", text: "Edit", "aria-label": "Edit message", onclick: () => editMessage(m) }),
            el("button", { type: "button", class: "delete", text: "Delete", "aria-label": "Delete message", onclick: () => deleteMessage(m) }),
          )
        : null,
    ),
    m.text ? el("p", { class: "msg-text", text: m.text }) : null,
  );
  if (m.attachments?.length) {
    const files = el("div", { class: "msg-files" });
    li.append(files);
    renderFilesOf(m, files);
  }
  return li;
}

async function renderFilesOf(m, container) {
  for (const name of m.attachments) {
    try {
      const url = await api.fileUrl(m, name);
      if (/\.(png|jpe?g|gif|webp)$/i.test(name)) {
        const thumb = await api.fileUrl(m, name, "480x0");
        container.append(el("a", { href: url, target: "_blank", rel: "noopener" }, el("img", { src: thumb, alt: name, loading: "lazy" })));
      } else {
        container.append(el("a", { href: url, target: "_blank", rel: "noopener", download: name, text: name }));
      }
    } catch {
      container.append(el("span", { text: name }));
    }
  }
}

function renderPending(id, p) {
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

// send posts what the composer holds, with a client-chosen id so that a
// retry after a failure can't store it twice.
function send(event) {
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

function editMessage(m) {
  const li = $("messages").querySelector(`li[data-id="${m.id}"]`);
  if (!li) return;
  const area = el("textarea", { class: "edit-text", "aria-label": "Edit message", rows: 2 });
  area.value = m.text;
  const error = el("p", { class: "error", role: "alert" });
  const save = async () => {
    try {
      const updated = await api.update("messages", m.id, { text: area.value });
      state.messages.set(m.id, { ...m, ...updated });
      renderMessages(false);
    } catch (err) {
      error.textContent = err.message;
    }
  };
  area.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      save();
    } else if (e.key === "Escape") renderMessages(false);
  });
  li.querySelector(".msg-text")?.remove();
  li.append(
    area,
    el(
      "div",
      { class: "msg-actions" },
      el("button", { type: "button", class: "save", text: "Save", onclick: save }),
      el("button", { type: "button", text: "Cancel", onclick: () => renderMessages(false) }),
    ),
    error,
  );
  area.focus();
}

async function deleteMessage(m) {
  if (!confirm("Delete this message for everyone?")) return;
  try {
    await api.remove("messages", m.id);
    state.messages.delete(m.id);
    renderMessages(false);
  } catch (err) {
    alert(err.message);
  }
}

// ---------------------------------------------------------------- typing

function onTyping(e) {
  if (e.conversation !== state.openId || e.user === me()) return;
  clearTimeout(state.typing.get(e.user));
  state.typing.set(
    e.user,
    setTimeout(() => clearTyping(e.user), TYPING_SHOWN_MS),
  );
  renderTyping();
}

function clearTyping(user) {
  if (!state.typing.has(user)) return;
  clearTimeout(state.typing.get(user));
  state.typing.delete(user);
  renderTyping();
}

function renderTyping() {
  const names = [...state.typing.keys()].map(nameOf);
  $("typing").textContent = names.length ? `${names.join(", ")} ${names.length > 1 ? "are" : "is"} typing…` : "";
}

// ---------------------------------------------------------------- composer

function autosize() {
  const area = $("composer-text");
  area.style.height = "auto";
  area.style.height = Math.min(area.scrollHeight, 160) + "px";
}

function renderFiles() {
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

// ---------------------------------------------------------------- people

async function searchUsers(query, exclude) {
  if (!query.trim()) return [];
  const res = await api.list("users", {
    filter: `name~${quote(query.trim())} && id!=${quote(me())}`,
    perPage: 10,
    skipTotal: 1,
    fields: "id,name",
    sort: "name",
  });
  res.items.forEach(remember);
  return res.items.filter((u) => !exclude.has(u.id));
}

function renderPicker(listId, users, onPick) {
  $(listId).replaceChildren(
    ...users.map((u) =>
      el("li", {}, el("button", { type: "button", "data-id": u.id, text: u.name || "(no name)", onclick: () => onPick(u) })),
    ),
  );
}

function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

function openNewDialog() {
  state.picked.clear();
  $("new-conv-title").value = "";
  $("user-search").value = "";
  $("user-results").replaceChildren();
  renderPicked();
  showError("new-error", null);
  $("new-dialog").showModal();
  $("user-search").focus();
}

function renderPicked() {
  $("picked").replaceChildren(
    ...[...state.picked.values()].map((u) =>
      el(
        "li",
        {},
        el("button", {
          type: "button",
          text: `${u.name} ×`,
          "aria-label": `Remove ${u.name}`,
          onclick: () => {
            state.picked.delete(u.id);
            renderPicked();
          },
        }),
      ),
    ),
  );
}

async function createConversation(event) {
  event.preventDefault();
  if (!state.picked.size) {
    $("new-error").textContent = "Pick at least one person.";
    return;
  }
  try {
    const conv = await api.create("conversations", {
      title: $("new-conv-title").value.trim(),
      participants: [...state.picked.keys()],
    });
    $("new-dialog").close();
    await onConversation({ ...conv, preview: "", unread: 0 });
    openConversation(conv.id);
  } catch (err) {
    showError("new-error", err);
  }
}

function renderHeader() {
  const conv = state.conversations.get(state.openId);
  if (!conv) return;
  $("conv-title").textContent = titleOf(conv);
  $("conv-people").textContent = conv.participants.map(nameOf).join(", ");
}

function openPeopleDialog() {
  const conv = state.conversations.get(state.openId);
  if (!conv) return;
  $("rename-input").value = conv.title || "";
  $("add-search").value = "";
  $("add-results").replaceChildren();
  showError("people-error", null);
  renderParticipants();
  $("people-dialog").showModal();
}

function renderParticipants() {
  const conv = state.conversations.get(state.openId);
  if (!conv) return;
  const creator = conv.createdBy === me();
  $("delete-conversation").hidden = !creator;
  $("participants").replaceChildren(
    ...conv.participants.map((id) =>
      el(
        "li",
        {},
        el("span", { text: nameOf(id) + (id === conv.createdBy ? " (creator)" : "") }),
        creator && id !== me()
          ? el("button", { type: "button", class: "danger", text: "Remove", "aria-label": `Remove ${nameOf(id)}`, onclick: () => changePeople({ "participants-": id }) })
          : null,
      ),
    ),
  );
}

async function changePeople(body) {
  try {
    const conv = await api.update("conversations", state.openId, body);
    await onConversation(conv);
    renderParticipants();
    showError("people-error", null);
  } catch (err) {
    showError("people-error", err);
  }
}

async function leave() {
  if (!confirm("Leave this conversation? You won't see its messages any more.")) return;
  const id = state.openId;
  try {
    await api.update("conversations", id, { "participants-": me() });
    $("people-dialog").close();
    onConversationRemoved(id);
  } catch (err) {
    showError("people-error", err);
  }
}

async function deleteConversation() {
  if (!confirm("Delete this conversation and all its messages for everyone?")) return;
  const id = state.openId;
  try {
    await api.remove("conversations", id);
    $("people-dialog").close();
    onConversationRemoved(id);
  } catch (err) {
    showError("people-error", err);
  }
}

// ---------------------------------------------------------------- wiring

function wire() {
  $("tab-signin").addEventListener("click", () => switchTab(false));
  $("tab-signup").addEventListener("click", () => switchTab(true));
  $("signin-form").addEventListener("submit", (e) => submitAuth(e, false));
  $("signup-form").addEventListener("submit", (e) => submitAuth(e, true));
  $("sign-out").addEventListener("click", signOut);

  $("composer").addEventListener("submit", send);
  $("composer-text").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) send(e);
  });
  $("composer-text").addEventListener("input", () => {
    autosize();
    if (state.openId && $("composer-text").value) chat?.typing(state.openId);
  });
  $("composer-files").addEventListener("change", (e) => {
    state.files.push(...e.target.files);
    e.target.value = "";
    renderFiles();
  });
  $("messages-scroll").addEventListener("scroll", () => {
    if ($("messages-scroll").scrollTop < 60) loadOlder();
  });
  $("back").addEventListener("click", closeConversation);
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && seen());

  $("new-conversation").addEventListener("click", openNewDialog);
  $("new-cancel").addEventListener("click", () => $("new-dialog").close());
  $("new-form").addEventListener("submit", createConversation);
  $("user-search").addEventListener(
    "input",
    debounce(async () => {
      try {
        const users = await searchUsers($("user-search").value, new Set(state.picked.keys()));
        renderPicker("user-results", users, (u) => {
          state.picked.set(u.id, u);
          renderPicked();
          $("user-search").value = "";
          $("user-results").replaceChildren();
          $("user-search").focus();
        });
      } catch (err) {
        showError("new-error", err);
      }
    }, 200),
  );

  $("conv-settings").addEventListener("click", openPeopleDialog);
  $("people-close").addEventListener("click", () => $("people-dialog").close());
  $("rename-save").addEventListener("click", () => changePeople({ title: $("rename-input").value.trim() }));
  $("leave").addEventListener("click", leave);
  $("delete-conversation").addEventListener("click", deleteConversation);
  $("add-search").addEventListener(
    "input",
    debounce(async () => {
      const conv = state.conversations.get(state.openId);
      try {
        const users = await searchUsers($("add-search").value, new Set(conv?.participants || []));
        renderPicker("add-results", users, (u) => {
          $("add-search").value = "";
          $("add-results").replaceChildren();
          changePeople({ "participants+": u.id });
        });
      } catch (err) {
        showError("people-error", err);
      }
    }, 200),
  );
}

async function boot() {
  wire();
  if (!api.signedIn) {
    showAuth();
    return;
  }
  try {
    await api.refresh();
  } catch (err) {
    if (err.status === 401 || err.status === 403 || err.status === 404) {
      api.signOut();
      showAuth("Your session has ended. Please sign in again.");
      return;
    }
    // offline: carry on with the saved session; the socket reconnects
  }
  startChat();
}

boot();
