// conversation.js: the open conversation: its messages (the latest 50,
// older ones on scroll-up), its members, read receipts in small
// conversations, editing and deleting, and who is typing.

import { quote } from "./api.js";
import { $, el, formatTime } from "./dom.js";
import { api, me, nameOf, remember, state } from "./store.js";
import { markRead, previewOf, refreshRow, renderList, titleOf } from "./inbox.js";
import { renderFiles, renderPending } from "./composer.js";
import { renderMembers } from "./people.js";

const PAGE = 50;
const TYPING_SHOWN_MS = 3000;

// RECEIPTS_UP_TO is the largest conversation that shows "Seen": the
// server sends read receipts in conversations of up to 100 members.
const RECEIPTS_UP_TO = 100;

export async function openConversation(id, reload = false) {
  if (state.openId === id && !reload && !$("conversation").hidden) {
    $("composer-text").focus();
    return;
  }
  const switching = state.openId !== id;
  state.openId = id;
  if (switching) {
    state.messages.clear();
    state.members.clear();
    state.memberCount = 0;
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
    const [res] = await Promise.all([
      api.list("messages", { filter: `conversation=${quote(id)}`, sort: "-created,-id", perPage: PAGE, skipTotal: 1, expand: "author" }),
      loadMembers(id),
    ]);
    if (state.openId !== id) return;
    state.messages.clear();
    res.items.forEach((m) => state.messages.set(m.id, m));
    state.oldest = res.items[res.items.length - 1] || null;
    state.hasOlder = res.items.length === PAGE;
    renderHeader();
    renderMessages(true);
    seen();
  } catch (err) {
    $("older-state").textContent = err.message;
  }
  if (switching) $("composer-text").focus();
}

// loadMembers loads the first 100 members of a conversation, with their
// names: all of a conversation small enough for read receipts.
async function loadMembers(id) {
  const res = await api.list("members", { filter: `conversation=${quote(id)}`, sort: "created,id", perPage: 100, expand: "user" });
  if (state.openId !== id) return;
  state.members.clear();
  for (const m of res.items) {
    remember(m.expand?.user);
    state.members.set(m.user, m);
  }
  state.memberCount = res.totalItems;
}

export function closeConversation() {
  state.openId = "";
  state.messages.clear();
  state.members.clear();
  $("conversation").hidden = true;
  $("placeholder").hidden = false;
  $("chat-view").classList.remove("open");
  renderList();
}

export function renderHeader() {
  const conv = state.conversations.get(state.openId);
  if (!conv) return;
  $("conv-title").textContent = titleOf(conv);
  const names = [...state.members.keys()].map(nameOf);
  const more = state.memberCount - names.length;
  $("conv-people").textContent =
    state.memberCount > 8 ? `${state.memberCount} members` : names.join(", ") + (more > 0 ? ` and ${more} more` : "");
  if ($("people-dialog").open) renderMembers();
}

// seen marks the open conversation read up to its newest message, while
// the page is in view.
export function seen() {
  if (document.visibilityState !== "visible" || !state.openId) return;
  const newest = [...state.messages.values()].reduce((a, m) => (m.created > a ? m.created : a), "");
  markRead(state.openId, newest);
}

export async function loadOlder() {
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

export function onMessageCreated(e) {
  const m = e.record;
  const conv = state.conversations.get(e.conversation);
  if (!conv) {
    refreshRow(e.conversation).catch(console.error);
    return;
  }
  if (m.expand?.author) remember(m.expand.author);
  conv.lastMessageAt = m.created;
  conv.preview = previewOf(m);
  if (m.author === me()) {
    conv.member = { ...conv.member, lastReadAt: m.created }; // posting reads up to it
    conv.unread = 0;
  }
  if (state.openId === e.conversation) {
    state.pending.delete(m.id);
    addMessage(m);
    seen();
  } else if (m.author !== me()) {
    conv.unread = (conv.unread || 0) + 1;
  }
  clearTyping(m.author);
  renderList();
}

export function onMessageChanged(m) {
  if (m.conversation !== state.openId || !state.messages.has(m.id)) return;
  state.messages.set(m.id, { ...state.messages.get(m.id), ...m });
  renderMessages(false);
}

export function onMessageDeleted(m) {
  if (m.conversation !== state.openId) return;
  state.messages.delete(m.id);
  renderMessages(false);
}

// onMember keeps my role and the open conversation's members current.
export function onMember(e) {
  const m = e.record;
  const conv = state.conversations.get(e.conversation);
  if (conv && m.user === me() && e.type === "member.updated") conv.member = { ...conv.member, role: m.role };
  if (e.conversation !== state.openId) return;
  if (e.type === "member.deleted") {
    if (state.members.delete(m.user)) state.memberCount--;
  } else {
    if (!state.members.has(m.user) && e.type === "member.created") state.memberCount++;
    remember(m.expand?.user);
    state.members.set(m.user, { ...state.members.get(m.user), ...m });
  }
  renderHeader();
  renderList();
}

export function addMessage(m) {
  const scroller = $("messages-scroll");
  const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  state.messages.set(m.id, m);
  renderMessages(atBottom || m.author === me());
}

export function renderMessages(scrollToEnd) {
  const sorted = [...state.messages.values()].sort((a, b) =>
    a.created === b.created ? a.id.localeCompare(b.id) : a.created.localeCompare(b.created),
  );
  const lastMine = sorted.findLast((m) => m.author === me());
  const pending = [...state.pending.entries()].filter(([, p]) => p.conversation === state.openId);
  $("messages").replaceChildren(
    ...sorted.map((m) => renderMessage(m, m === lastMine ? receiptOf(m) : "")),
    ...pending.map(([id, p]) => renderPending(id, p)),
  );
  $("older-state").textContent = state.hasOlder ? "" : sorted.length ? "This is the beginning of the conversation." : "No messages yet: say hello.";
  if (scrollToEnd) {
    const scroller = $("messages-scroll");
    scroller.scrollTop = scroller.scrollHeight;
  }
}

export const renderReceipts = () => renderMessages(false);

// receiptOf says who has read my message m, in a conversation small
// enough for read receipts: "Seen" with one other member, else "Seen by N".
function receiptOf(m) {
  if (state.memberCount < 2 || state.memberCount > RECEIPTS_UP_TO) return "";
  const readers = [...state.members.values()].filter((x) => x.user !== me() && (x.lastReadAt || "") >= m.created).length;
  if (!readers) return "";
  return state.memberCount === 2 ? "Seen" : `Seen by ${readers}`;
}

function renderMessage(m, receipt) {
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
  if (receipt) li.append(el("p", { class: "receipt", text: receipt }));
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

export function onTyping(e) {
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
