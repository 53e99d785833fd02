// conversation.js: the open conversation: its messages (the latest 50,
// older ones on scroll-up, any one on demand), its members and who of them
// is online, what the live events change in it, and who is typing.
// messages.js draws it.

import { quote } from "./api.js";
import { $ } from "./dom.js";
import { api, me, nameOf, remember, state } from "./store.js";
import { markRead, previewOf, refreshRow, renderList, titleOf } from "./inbox.js";
import { switchDraft } from "./composer.js";
import { renderMembers } from "./people.js";
import { isAtBottom, renderMessages } from "./messages.js";
import { presenceText } from "./presence.js";
import { notify } from "./notify.js";
import { mentionsMe } from "./mentions.js";

const PAGE = 50;
const TYPING_SHOWN_MS = 3000;

export async function openConversation(id, reload = false) {
  if (state.openId === id && !reload && !$("conversation").hidden) {
    $("composer-text").focus();
    return;
  }
  const switching = state.openId !== id;
  const leaving = state.openId;
  state.openId = id;
  if (switching) {
    state.messages.clear();
    state.members.clear();
    state.memberCount = 0;
    switchDraft(leaving, id);
    $("typing").textContent = "";
    $("new-below").hidden = true;
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
  // a conversation left or removed keeps no draft; one merely closed does
  const gone = !state.conversations.has(state.openId);
  switchDraft(state.openId, "");
  if (gone) state.drafts.delete(state.openId);
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
  const ids = [...state.members.keys()];
  const names = ids.map(nameOf);
  const more = state.memberCount - names.length;
  const other = state.memberCount === 2 ? ids.find((id) => id !== me()) : "";
  const status = other ? presenceText(other) : "";
  $("conv-people").textContent =
    (state.memberCount > 8 ? `${state.memberCount} members` : names.join(", ") + (more > 0 ? ` and ${more} more` : "")) +
    (status ? ` · ${status}` : "");
  if ($("people-dialog").open) renderMembers();
}

// seen marks the open conversation read up to its newest message, while
// the page is in view and the newest message is on screen.
export function seen() {
  if (document.visibilityState !== "visible" || !state.openId || !isAtBottom()) return;
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
    if (mentionsMe(m)) conv.mentions = (conv.mentions || 0) + 1; // the @ badge, live
  }
  notify(conv, m, titleOf(conv));
  clearTyping(m.author);
  renderList();
}

export function onMessageChanged(m) {
  if (m.conversation !== state.openId || !state.messages.has(m.id)) return;
  const old = state.messages.get(m.id);
  state.messages.set(m.id, { ...old, ...m, reactions: old.reactions });
  requote(m.id, m);
  renderMessages(false);
}

export function onMessageDeleted(m) {
  if (m.conversation !== state.openId) return;
  state.messages.delete(m.id);
  requote(m.id, null);
  renderMessages(false);
}

// requote brings the quotes of the replies to an edited or deleted message
// in line, as the server has done in its records.
function requote(id, m) {
  for (const r of state.messages.values()) {
    if (r.reply?.id !== id) continue;
    r.reply = m ? { ...r.reply, text: (m.text || "").replace(/\s+/g, " ").slice(0, 120) } : { id, deleted: true };
  }
}

// onRenamed notes a new title in the timeline.
export function onRenamed(record, old) {
  if (old && old.title !== record.title) note(record.id, record.title ? `Renamed to “${record.title}”` : "The title was removed", record.updated);
}

// onMember keeps my role and the open conversation's members current.
export function onMember(e) {
  const m = e.record;
  const conv = state.conversations.get(e.conversation);
  if (conv && m.user === me() && e.type === "member.updated") conv.member = { ...conv.member, role: m.role };
  if (e.type === "member.created") note(e.conversation, `${m.expand?.user?.name || "Someone"} joined`, m.created);
  if (e.type === "member.deleted") note(e.conversation, `${m.expand?.user?.name || "Someone"} left`);
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
  const bottom = isAtBottom();
  state.messages.set(m.id, m);
  renderMessages(bottom || m.author === me());
  if (!bottom && m.author !== me()) $("new-below").hidden = false;
}

// jumpTo shows message id in the open conversation, loading older pages
// until it is there, and marks it for a moment.
export async function jumpTo(id) {
  for (let i = 0; i < 40 && !state.messages.has(id) && state.hasOlder; i++) await loadOlder();
  const li = $("messages").querySelector(`li[data-id="${CSS.escape(id)}"]`);
  if (!li) {
    $("older-state").textContent = "That message is no longer here.";
    return;
  }
  li.scrollIntoView({ block: "center" });
  li.classList.add("flash");
  setTimeout(() => li.classList.remove("flash"), 1600);
}

// note adds a line to the open conversation's timeline, such as who came
// or went; notes live as long as the page.
function note(conversation, text, created) {
  state.notes.push({ note: text, conversation, created: created || new Date().toISOString().replace("T", " ") });
  if (conversation === state.openId) renderMessages(isAtBottom());
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
