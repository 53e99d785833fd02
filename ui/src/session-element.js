// session-element.js: what every pbchat element does with the host's
// PocketBase client: takes it (the pb property, or one for base-url), and
// follows its sign-in, running the element's session while someone is
// signed in and clearing it when they sign out.

import { LitElement } from "lit";
import { follow, pbOf } from "./session.js";

export class SessionElement extends LitElement {
  static properties = {
    pb: { attribute: false },
    baseUrl: { type: String, attribute: "base-url" },
    session: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this._follow();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._unfollow?.();
    this._unfollow = null;
  }

  willUpdate(changed) {
    if ((changed.has("pb") || changed.has("baseUrl")) && this.isConnected && this._client !== pbOf(this)) this._follow();
  }

  /** The PocketBase client in use. */
  get client() {
    return pbOf(this);
  }

  _follow() {
    this._unfollow?.();
    const pb = pbOf(this);
    this._client = pb;
    this._unfollow = follow(pb, {
      changed: () => this.requestUpdate(),
      signedOut: () => {
        this.session = null;
        this.signedOut();
      },
      run: (session) => {
        this.session = session;
        const stop = this.run(session);
        return () => {
          stop?.();
          if (this.session === session) this.session = null;
        };
      },
    });
  }

  /** Starts what the element shows of a session; returns what stops it. */
  run() {}

  /** Clears what the element showed of a session. */
  signedOut() {}

  /** Fires a pbchat-… event the host can listen to (it crosses shadow roots). */
  emit(name, detail) {
    return this.dispatchEvent(new CustomEvent(`pbchat-${name}`, { detail, bubbles: true, composed: true, cancelable: true }));
  }
}
