// <pbchat-people>: the "People & settings" dialog of a conversation:
// rename, my notifications (on, muted for a while, muted until I turn them
// back on: it reads back what I chose and until when), the members with
// their roles, blocking or unblocking each, adding people (or inviting
// those who don't accept being added by me), the invitations waiting
// (withdrawn by their inviter or an owner), invite links (owners make,
// copy and revoke them), removing people (owners),
// leaving, deleting (owners). Used inside <pbchat-conversation>.

import { LitElement, html, nothing } from "lit";

import { findPeople } from "./people-search.js";
import { isMuted } from "./inbox-store.js";
import { describe } from "./errors.js";
import { pbDate } from "./format.js";
import { joinUrl } from "./pbchat-join.js";
import { ask, confirmView } from "./confirm.js";
import { tokens } from "./styles.js";
import { stamp, t, until } from "./i18n.js";

export class PbchatPeople extends LitElement {
  static properties = {
    session: { attribute: false },
    store: { attribute: false },
    _state: { state: true },
    _found: { state: true },
    _error: { state: true },
    _status: { state: true },
    _invited: { state: true },
    _links: { state: true },
  };

  static styles = [tokens];

  constructor() {
    super();
    this._found = [];
    this._error = "";
    this._status = "";
    this._invited = [];
    this._links = [];
  }

  show() {
    this._found = [];
    this._error = "";
    this._status = "";
    this._retentionDays = undefined;
    this._off?.();
    this._loadInvited();
    this._loadLinks();
    this.session.safety.wantBlocks();
    let count = -1;
    const offs = [
      this.store.subscribe((s) => {
        this._state = s;
        // someone joined (by a link, an invitation) or left: uses and invitations moved
        if (count >= 0 && s.memberCount !== count) {
          this._loadInvited();
          this._loadLinks();
        }
        count = s.memberCount;
      }),
      this.session.inbox.subscribe(() => this.requestUpdate()),
      this.session.safety.subscribe(() => this.requestUpdate()),
    ];
    this._off = () => offs.forEach((off) => off());
    this.updateComplete.then(() => this.renderRoot.querySelector("dialog.people").showModal());
  }

  close() {
    this.renderRoot.querySelector("dialog.people")?.close();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._off?.();
  }

  get _row() {
    return this.session.inbox.row(this.store.id);
  }

  async _act(fn) {
    try {
      await fn();
      this._error = "";
    } catch (err) {
      this._error = describe(err);
    }
  }

  _rename(e) {
    e.preventDefault();
    const title = e.target.elements.title.value.trim();
    return this._act(() => this.session.pb.collection("conversations").update(this.store.id, { title }, { requestKey: null }));
  }

  _mute(e) {
    const v = e.target.value;
    if (v === "keep") return; // the mute as it is, read back
    const member = this._row.member;
    const change = { muted: v === "forever", mutedUntil: /^\d+$/.test(v) ? pbDate(Date.now() + Number(v) * 3_600_000) : "" };
    return this._act(async () => {
      const m = await this.session.pb.collection("members").update(member.id, change, { requestKey: null });
      this.session.inbox.setMember(this.store.id, { muted: m.muted, mutedUntil: m.mutedUntil });
    });
  }

  _search(e) {
    const q = e.target.value;
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._act(async () => (this._found = await findPeople(this.session, q, new Set(this._state.members.keys())))), 150);
  }

  // _loadInvited reads the invitations to this conversation still waiting
  async _loadInvited() {
    const pb = this.session.pb;
    try {
      this._invited = await pb.collection("invitations").getFullList({ batch: 100, filter: pb.filter("conversation = {:id}", { id: this.store.id }), sort: "created", expand: "invitee", requestKey: null });
    } catch {
      this._invited = [];
    }
  }

  // _loadLinks reads the conversation's invite links: an owner's to see
  async _loadLinks() {
    const pb = this.session.pb;
    try {
      this._links = await pb.collection("inviteLinks").getFullList({ batch: 100, filter: pb.filter("conversation = {:id}", { id: this.store.id }), sort: "-created", requestKey: null });
    } catch {
      this._links = [];
    }
  }

  _retention(e) {
    const retentionDays = Number(e.target.value);
    return this._act(async () => {
      await this.session.pb.collection("conversations").update(this.store.id, { retentionDays }, { requestKey: null });
      this._retentionDays = retentionDays;
    });
  }

  _retentionView(owner) {
    const days = this._retentionDays ?? this._row.record.retentionDays ?? 0;
    const choices = [
      [0, t("As long as the server keeps them")],
      [1, t("1 day")],
      [7, t("7 days")],
      [30, t("30 days")],
      [90, t("90 days")],
      [365, t("1 year")],
    ];
    return html`<label
      >${t("Keep messages for")}
      <select ?disabled=${!owner} @change=${this._retention}>
        ${choices.map(([v, label]) => html`<option value=${v} ?selected=${v === days}>${label}</option>`)}
      </select></label
    >`;
  }

  _makeLink(e) {
    e.preventDefault();
    const f = e.target.elements;
    const expires = pbDate(Date.now() + Number(f.days.value) * 86_400_000);
    return this._act(async () => {
      const l = await this.session.pb.collection("inviteLinks").create({ conversation: this.store.id, expires, maxUses: Number(f.uses.value) }, { requestKey: null });
      await this._loadLinks();
      this._status = t("Link made: {url}", { url: this._url(l) });
      this._copy(l);
    });
  }

  _url(l) {
    return joinUrl(this.session.pb.baseURL || location.origin, l.token);
  }

  // _copy puts the link on the clipboard, where the browser lets it (the
  // status shows the link either way, to copy by hand)
  async _copy(l) {
    const url = this._url(l);
    try {
      await navigator.clipboard.writeText(url);
      this._status = t("Link copied: {url}", { url });
    } catch {
      this._status = t("Link made: {url}", { url });
    }
  }

  _revoke(l) {
    return this._act(async () => {
      await this.session.pb.collection("inviteLinks").delete(l.id, { requestKey: null });
      await this._loadLinks();
    });
  }

  _linksView() {
    return html`<h3>${t("Invite links")}</h3>
      ${this._links.length
        ? html`<ul class="plain" aria-label=${t("Invite links")}>
            ${this._links.map(
              (l) => html`<li class="actions" style="justify-content: space-between">
                <span>${t("Used {uses} of {max} times, until {until}", { uses: l.uses, max: l.maxUses, until: stamp(l.expires) })}</span>
                <span class="actions">
                  <button type="button" @click=${() => this._copy(l)}>${t("Copy")}</button>
                  <button type="button" class="danger" @click=${() => this._revoke(l)}>${t("Revoke")}</button>
                </span>
              </li>`,
            )}
          </ul>`
        : nothing}
      <form @submit=${this._makeLink} style="grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto; align-items: end">
        <label
          >${t("Valid for")}
          <select name="days">
            <option value="1">${t("1 day")}</option>
            <option value="7" selected>${t("7 days")}</option>
            <option value="30">${t("30 days")}</option>
          </select></label
        >
        <label
          >${t("Uses")}
          <select name="uses">
            ${[1, 10, 25, 100, 1000].map((n) => html`<option value=${n} ?selected=${n === 25}>${n}</option>`)}
          </select></label
        >
        <button type="submit">${t("Make a link")}</button>
      </form>`;
  }

  _add(u) {
    this._found = [];
    this.renderRoot.querySelector("input[type=search]").value = "";
    return this._act(async () => {
      const how = await this.session.add(this.store.id, u.id);
      this._status = how === "invited" ? t("{name} is invited: they join once they accept.", { name: u.name }) : "";
      if (how === "invited") await this._loadInvited();
    });
  }

  _withdraw(inv) {
    return this._act(async () => {
      await this.session.pb.collection("invitations").delete(inv.id, { requestKey: null });
      await this._loadInvited();
    });
  }

  _block(user) {
    const safety = this.session.safety;
    if (safety.blocks(user)) return this._act(() => safety.unblock(user));
    const name = this.session.people.nameOf(user);
    ask(this, t("Block {name}? Their messages are hidden from you and never notify you, and they can't add you to conversations. They aren't told.", { name }), t("Block"), () =>
      this._act(() => safety.block(user)),
    );
  }

  _remove(m) {
    return this._act(() => this.session.pb.collection("members").delete(m.id, { requestKey: null }));
  }

  _leave() {
    ask(this, t("Leave this conversation? You won't see its messages any more."), t("Leave"), () =>
      this._act(async () => {
        await this.session.pb.collection("members").delete(this._row.member.id, { requestKey: null });
        this.close();
        this.session.drop(this.store.id);
      }),
    );
  }

  _delete() {
    ask(this, t("Delete this conversation and all its messages for everyone?"), t("Delete"), () =>
      this._act(async () => {
        await this.session.pb.collection("conversations").delete(this.store.id, { requestKey: null });
        this.close();
        this.session.drop(this.store.id);
      }),
    );
  }

  render() {
    const s = this._state;
    const row = s && this._row;
    if (!row) return html`<dialog class="people"></dialog>`;
    const member = row.member || {};
    const owner = member.role === "owner";
    const people = this.session.people;
    const mutedNow = isMuted(member);
    const more = s.memberCount - s.members.size;
    return html`<dialog class="people" aria-labelledby="people-title" part="dialog">
        <div class="body">
          <h2 id="people-title">${t("People & settings")}</h2>
          <form @submit=${this._rename} style="grid-template-columns: minmax(0, 1fr) auto; align-items: end">
            <label>${t("Title")} <input name="title" maxlength="200" .value=${row.record.title || ""} /></label>
            <button type="submit">${t("Rename")}</button>
          </form>
          <label
            >${t("Notifications")}
            <select @change=${this._mute}>
              <option value="" ?selected=${!mutedNow}>${t("On")}</option>
              ${member.mutedUntil && !member.muted && mutedNow ? html`<option value="keep" selected>${t("Muted {until}", { until: until(member.mutedUntil) })}</option>` : nothing}
              <option value="1">${t("Muted for 1 hour")}</option>
              <option value="8">${t("Muted for 8 hours")}</option>
              <option value="forever" ?selected=${!!member.muted}>${t("Muted until I turn them back on")}</option>
            </select></label
          >
          <h3>${t("People")}</h3>
          <ul class="plain" aria-label=${t("Members")}>
            ${[...s.members.values()].map(
              (m) => html`<li class="actions" style="justify-content: space-between">
                <span>${people.nameOf(m.user)}${m.role === "owner" ? ` (${t("owner")})` : ""}${people.user(m.user)?.suspended ? ` (${t("suspended")})` : ""}</span>
                <span class="actions">
                  ${m.user !== this.session.me
                    ? html`<button type="button" @click=${() => this._block(m.user)}>
                        ${this.session.safety.blocks(m.user) ? t("Unblock") : t("Block")}<span class="visually-hidden"> ${people.nameOf(m.user)}</span>
                      </button>`
                    : nothing}
                  ${owner && m.user !== this.session.me
                    ? html`<button type="button" class="danger" @click=${() => this._remove(m)}>${t("Remove")}<span class="visually-hidden"> ${people.nameOf(m.user)}</span></button>`
                    : nothing}
                </span>
              </li>`,
            )}
            ${more > 0 ? html`<li class="muted">${t("and {n} more", { n: more })}</li>` : nothing}
          </ul>
          ${this._invited.length
            ? html`<h3>${t("Invited")}</h3>
                <ul class="plain" aria-label=${t("Invited")}>
                  ${this._invited.map((inv) => {
                    const name = inv.expand?.invitee?.name || t("Someone");
                    return html`<li class="actions" style="justify-content: space-between">
                      <span>${name}</span>
                      ${owner || inv.inviter === this.session.me
                        ? html`<button type="button" @click=${() => this._withdraw(inv)}>${t("Withdraw")}<span class="visually-hidden"> ${name}</span></button>`
                        : nothing}
                    </li>`;
                  })}
                </ul>`
            : nothing}
          ${this._retentionView(owner)}
          <label
            >${t("Who can pin messages")}
            <select ?disabled=${!owner} @change=${(e) => this._act(() => this.session.pb.collection("conversations").update(this.store.id, { pinsBy: e.target.value }, { requestKey: null }))}>
              <option value="members" ?selected=${row.record.pinsBy !== "owners"}>${t("Every member")}</option>
              <option value="owners" ?selected=${row.record.pinsBy === "owners"}>${t("Owners only")}</option>
            </select></label
          >
          ${owner ? this._linksView() : nothing}
          <label>${t("Add people by name")} <input type="search" autocomplete="off" @input=${this._search} /></label>
          ${this._found.length
            ? html`<ul class="plain" aria-label=${t("People found")}>
                ${this._found.map((u) => html`<li><button type="button" class="link" @click=${() => this._add(u)}>${t("Add")} ${u.name}</button></li>`)}
              </ul>`
            : nothing}
          <p class="muted" role="status">${this._status}</p>
          <p class="error" role="alert">${this._error}</p>
          <div class="actions">
            <button type="button" class="danger" @click=${this._leave}>${t("Leave conversation")}</button>
            ${owner ? html`<button type="button" class="danger" @click=${this._delete}>${t("Delete conversation")}</button>` : nothing}
            <button type="button" @click=${this.close}>${t("Close")}</button>
          </div>
        </div>
      </dialog>
      ${confirmView(this)}`;
  }
}

if (!customElements.get("pbchat-people")) customElements.define("pbchat-people", PbchatPeople);
