// app.js: the pbchat web app: signing in and out, the websocket, and the
// wiring of the screens (inbox.js, conversation.js with messages.js and
// actions.js, composer.js with mentions.js, people.js, search.js,
// profile.js, presence.js). REST goes through api.js, live events through
// chat-client.js.

import { ChatClient, States } from "./chat-client.js";
import { $, showError, fill } from "./dom.js";
import { api, live, remember, resetState, state } from "./store.js";
import { loadInbox, onConversation, onConversationRemoved, onRead, refreshRow } from "./inbox.js";
import {
  renderHeader,
  openConversation,
  closeConversation,
  loadOlder,
  onMember,
  onMessageChanged,
  onMessageCreated,
  onMessageDeleted,
  onTyping,
  seen,
} from "./conversation.js";
import { wireComposer } from "./composer.js";
import { wirePeople } from "./people.js";
import { onReaction, wireActions } from "./actions.js";
import { onPresence } from "./presence.js";
import { renderList } from "./inbox.js";
import { isAtBottom, toBottom } from "./messages.js";
import { wireSearch } from "./search.js";
import { wireProfile } from "./profile.js";
import { onOpen, registerWorker, wireNotify } from "./notify.js";

function showAuth(message = "") {
  live.chat?.close();
  live.chat = null;
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

// signOut forgets everything of the session: state, lists, every form.
function signOut() {
  api.signOut();
  resetState();
  fill($("conversations"));
  fill($("messages"));
  for (const form of document.querySelectorAll("form")) form.reset();
  for (const d of document.querySelectorAll("dialog[open]")) d.close();
  $("conv-filter").value = "";
  $("conversation").hidden = true;
  $("placeholder").hidden = false;
  document.title = "pbchat";
  showAuth();
}

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
  remember(api.user);

  const chat = new ChatClient({ token: () => api.token });
  live.chat = chat;
  chat.on("state", (s) => {
    const node = $("conn-state");
    node.dataset.state = s;
    node.textContent = stateWords[s] || s;
  });
  // REST loads wait for the first ready, so that nothing committed between
  // the load and the socket going live is missed; after that the resume
  // brings the messages, and the inbox is reloaded for the rest.
  chat.on("ready", async (e) => {
    await loadInbox(e.resumed);
    const wanted = location.hash.match(/conversation=([a-z0-9]+)/)?.[1];
    if (wanted && state.conversations.has(wanted)) {
      history.replaceState(null, "", location.pathname);
      openConversation(wanted);
    }
  });
  chat.on("resync", () => {
    state.loaded = false;
  });
  chat.on("message.created", onMessageCreated);
  chat.on("message.updated", (e) => onMessageChanged(e.record));
  chat.on("message.deleted", (e) => onMessageDeleted(e.record));
  chat.on("conversation.created", (e) => refreshRow(e.conversation).catch(console.error));
  chat.on("conversation.updated", (e) => onConversation(e.record));
  chat.on("conversation.removed", (e) => onConversationRemoved(e.conversation));
  for (const type of ["member.created", "member.updated", "member.deleted"]) chat.on(type, onMember);
  chat.on("read", onRead);
  chat.on("reaction.created", onReaction);
  chat.on("reaction.deleted", onReaction);
  chat.on("presence", (e) => {
    onPresence(e);
    renderList();
    if (state.openId) renderHeader();
  });
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
  registerWorker();
}

function wire() {
  $("tab-signin").addEventListener("click", () => switchTab(false));
  $("tab-signup").addEventListener("click", () => switchTab(true));
  $("signin-form").addEventListener("submit", (e) => submitAuth(e, false));
  $("signup-form").addEventListener("submit", (e) => submitAuth(e, true));
  $("sign-out").addEventListener("click", signOut);
  $("messages-scroll").addEventListener("scroll", () => {
    if ($("messages-scroll").scrollTop < 60) loadOlder();
  });
  $("back").addEventListener("click", closeConversation);
  document.addEventListener("visibilitychange", seen);
  $("messages-scroll").addEventListener("scroll", () => {
    if (!$("new-below").hidden && isAtBottom()) $("new-below").hidden = true;
    seen();
  });
  $("new-below").addEventListener("click", () => {
    toBottom();
    seen();
  });
  $("conv-filter").addEventListener("input", (e) => {
    state.filter = e.target.value;
    renderList();
  });
  wireComposer();
  wirePeople();
  wireActions();
  wireSearch();
  wireProfile();
  wireNotify();
  onOpen(openConversation);
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
