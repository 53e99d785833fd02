// store.js: what every store is: plain state, replaced (never mutated) on
// each change, and listeners told of it. Views subscribe and render; only
// the store changes its state.

export class Store {
  constructor(state) {
    this.state = state;
    this._listeners = new Set();
  }

  /** Calls fn with the state now and after each change; returns the unsubscribe. */
  subscribe(fn) {
    this._listeners.add(fn);
    fn(this.state);
    return () => this._listeners.delete(fn);
  }

  _set(change) {
    this.state = { ...this.state, ...change };
    for (const fn of this._listeners) fn(this.state);
  }
}
