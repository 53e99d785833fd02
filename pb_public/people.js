// people.js: starting a conversation with people picked by name, and the
// "People & settings" dialog: rename, the members with their roles, adding
// people, removing them (owners), leaving, deleting (owners).

import { quote } from "./api.js";
import { $, debounce, el, showError, fill } from "./dom.js";
import { api, me, nameOf, remember, state } from "./store.js";
import { onConversation, onConversationRemoved, refreshRow, renderList } from "./inbox.js";
import { isMuted } from "./notify.js";
import { openConversation, renderHeader } from "./conversation.js";

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
  fill($(listId),
    ...users.map((u) =>
      el("li", {}, el("button", { type: "button", "data-id": u.id, text: u.name || "(no name)", onclick: () => onPick(u) })),
    ),
  );
}

function openNewDialog() {
  state.picked.clear();
  $("new-conv-title").value = "";
  $("user-search").value = "";
  fill($("user-results"));
  renderPicked();
  showError("new-error", null);
  $("new-dialog").showModal();
  $("user-search").focus();
}

function renderPicked() {
  fill($("picked"),
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

// createConversation starts a conversation and its members in one request.
async function createConversation(event) {
  event.preventDefault();
  if (!state.picked.size) {
    $("new-error").textContent = "Pick at least one person.";
    return;
  }
  try {
    const conv = await api.create("conversations", {
      title: $("new-conv-title").value.trim(),
      members: [...state.picked.keys()],
    });
    $("new-dialog").close();
    await refreshRow(conv.id);
    openConversation(conv.id);
  } catch (err) {
    // two people have one direct conversation: the server says which
    const existing = err.body?.data?.members;
    if (existing?.code === "validation_conversation_exists" && existing.params?.id) {
      $("new-dialog").close();
      await refreshRow(existing.params.id);
      openConversation(existing.params.id);
      return;
    }
    showError("new-error", err);
  }
}

function myRole() {
  return state.conversations.get(state.openId)?.member?.role || "";
}

function openPeopleDialog() {
  const conv = state.conversations.get(state.openId);
  if (!conv) return;
  $("rename-input").value = conv.title || "";
  $("mute-select").value = conv.member?.muted ? "forever" : isMuted(conv) ? "8" : "";
  $("add-search").value = "";
  fill($("add-results"));
  showError("people-error", null);
  renderMembers();
  $("people-dialog").showModal();
}

export function renderMembers() {
  const owner = myRole() === "owner";
  $("delete-conversation").hidden = !owner;
  const more = state.memberCount - state.members.size;
  fill($("members-list"),
    ...[...state.members.values()].map((m) =>
      el(
        "li",
        {},
        el("span", { text: nameOf(m.user) + (m.role === "owner" ? " (owner)" : "") }),
        owner && m.user !== me()
          ? el("button", {
              type: "button",
              class: "danger",
              text: "Remove",
              "aria-label": `Remove ${nameOf(m.user)}`,
              onclick: () => removeMember(m),
            })
          : null,
      ),
    ),
    more > 0 ? el("li", { class: "muted", text: `and ${more} more` }) : null,
  );
}

async function act(fn) {
  try {
    await fn();
    showError("people-error", null);
  } catch (err) {
    showError("people-error", err);
  }
}

const rename = () =>
  act(async () => onConversation(await api.update("conversations", state.openId, { title: $("rename-input").value.trim() })));

const addMember = (u) =>
  act(async () => {
    const m = await api.create("members", { conversation: state.openId, user: u.id });
    if (!state.members.has(m.user)) state.memberCount++;
    state.members.set(m.user, m);
    renderHeader();
  });

const removeMember = (m) =>
  act(async () => {
    await api.remove("members", m.id);
    if (state.members.delete(m.user)) state.memberCount--;
    renderHeader();
  });

async function leave() {
  if (!confirm("Leave this conversation? You won't see its messages any more.")) return;
  const id = state.openId;
  await act(async () => {
    await api.remove("members", state.conversations.get(id).member.id);
    $("people-dialog").close();
    onConversationRemoved(id);
  });
}

async function deleteConversation() {
  if (!confirm("Delete this conversation and all its messages for everyone?")) return;
  const id = state.openId;
  await act(async () => {
    await api.remove("conversations", id);
    $("people-dialog").close();
    onConversationRemoved(id);
  });
}

// mute silences the open conversation for me: for some hours, or until I
// turn it back on.
const mute = () =>
  act(async () => {
    const conv = state.conversations.get(state.openId);
    const v = $("mute-select").value;
    const until = /^\d+$/.test(v) ? new Date(Date.now() + Number(v) * 3_600_000).toISOString().replace("T", " ") : "";
    const m = await api.update("members", conv.member.id, { muted: v === "forever", mutedUntil: until });
    conv.member = { ...conv.member, muted: m.muted, mutedUntil: m.mutedUntil };
    renderList();
  });

export function wirePeople() {
  $("mute-select").addEventListener("change", mute);
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
          fill($("user-results"));
          $("user-search").focus();
        });
      } catch (err) {
        showError("new-error", err);
      }
    }, 200),
  );

  $("conv-settings").addEventListener("click", openPeopleDialog);
  $("people-close").addEventListener("click", () => $("people-dialog").close());
  $("rename-save").addEventListener("click", rename);
  $("leave").addEventListener("click", leave);
  $("delete-conversation").addEventListener("click", deleteConversation);
  $("add-search").addEventListener(
    "input",
    debounce(async () => {
      try {
        const users = await searchUsers($("add-search").value, new Set(state.members.keys()));
        renderPicker("add-results", users, (u) => {
          $("add-search").value = "";
          fill($("add-results"));
          addMember(u);
        });
      } catch (err) {
        showError("people-error", err);
      }
    }, 200),
  );
}
