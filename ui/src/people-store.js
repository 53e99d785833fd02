// people-store.js: the people the signed-in person meets: their names and
// pictures (from expands as they arrive) and who of them is online (the
// server sends presence to co-members only; someone hiding is offline).

import { Store } from "./store.js";
import { t } from "./i18n.js";

export class PeopleStore extends Store {
  constructor(me) {
    super({ users: new Map(), presence: new Map() });
    this.me = me;
  }

  /** Remembers users seen in records: {id, name, avatar, collectionId, suspended}. */
  remember(...users) {
    let changed = false;
    const next = new Map(this.state.users);
    for (const u of users.flat()) {
      if (!u?.id) continue;
      const old = next.get(u.id);
      const suspended = u.suspended ?? old?.suspended ?? false;
      if (old && old.name === u.name && old.avatar === u.avatar && old.suspended === suspended) continue;
      next.set(u.id, { id: u.id, name: u.name || "", avatar: u.avatar || "", collectionId: u.collectionId || old?.collectionId || "", suspended });
      changed = true;
    }
    if (changed) this._set({ users: next });
  }

  user(id) {
    return this.state.users.get(id) || null;
  }

  /** A person's name as shown: "You" for oneself. */
  nameOf(id) {
    if (id === this.me) return t("You");
    return this.state.users.get(id)?.name || t("Someone");
  }

  apply(frame) {
    const r = frame.record;
    switch (frame.type) {
      case "presence": {
        const presence = new Map(this.state.presence);
        presence.set(frame.user, { online: !!frame.online, lastSeen: frame.lastSeen || "" });
        return this._set({ presence });
      }
      case "message.created":
      case "message.updated":
        return this.remember(r?.expand?.author);
      case "member.created":
      case "member.updated":
      case "reaction.created":
        return this.remember(r?.expand?.user);
    }
  }

  online(id) {
    return !!this.state.presence.get(id)?.online;
  }

  lastSeen(id) {
    return this.state.presence.get(id)?.lastSeen || "";
  }
}
