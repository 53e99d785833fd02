// api.js: the few PocketBase REST calls the web app makes, and errors in words.

const SESSION_KEY = "pbchat.session";

export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.body = body;
  }
}

// words says, for a field's error code, what a person can do about it.
const words = {
  "email:validation_not_unique": "That email is already registered: sign in instead.",
  "email:validation_is_email": "That email doesn't look right.",
  "email:validation_invalid_email": "That email doesn't look right.",
  "password:validation_length_out_of_range": "The password needs at least 8 characters.",
  "password:validation_min_text_constraint": "The password needs at least 8 characters.",
  "passwordConfirm:validation_values_mismatch": "The passwords don't match.",
  "members:validation_missing_rel_records": "Someone you picked is no longer here.",
  "members:validation_conversation_exists": "You already have a conversation with them.",
  "user:validation_not_unique": "They are already in this conversation.",
  "conversation:validation_not_unique": "They are already in this conversation.",
  "conversation:validation_last_member": "You are the last one here: delete the conversation instead.",
  "text:validation_required": "Write something, or attach a file.",
  "text:validation_max_text_constraint": "A message is at most 10,000 characters.",
  "attachments:validation_file_size_limit": "A file is at most 10 MB.",
  "avatar:validation_file_size_limit": "That picture is too large.",
  "emoji:validation_not_emoji": "React with one emoji.",
  "replyTo:validation_reply_elsewhere": "That message is no longer here to reply to.",
  "q:validation_bad_search": "",
};

// describe turns PocketBase's JSON error into a sentence a person can act
// on, in plain words where the code is known.
function describe(status, body) {
  if (status === 0) return "Can't reach the server. Check your connection and try again.";
  if (status === 429) return "That was too many at once. Wait a moment and try again.";
  const data = Object.entries(body?.data || {});
  const known = data.map(([field, e]) => words[`${field}:${e?.code}`] ?? null);
  if (data.length && known.every((w) => w !== null)) {
    return known.map((w, i) => w || data[i][1]?.message).join(" ");
  }
  if (body?.message === "Failed to authenticate.") return "Wrong email or password.";
  if (status === 403) return body?.message || "You can't do that here.";
  if (status === 404) return "That is no longer here.";
  if (status >= 500) return "Something went wrong on the server. Try again in a moment.";
  const fields = data.map(([field, e]) => `${field}: ${e?.message || e?.code || "invalid"}`).join("; ");
  const message = body?.message || `The server answered ${status}.`;
  return fields ? `${message.replace(/\.$/, "")} (${fields}).` : message;
}

export class Api {
  constructor(baseUrl = "") {
    this.baseUrl = baseUrl;
    const saved = JSON.parse(localStorage.getItem(SESSION_KEY) || "null");
    this.token = saved?.token || "";
    this.user = saved?.user || null;
    this._fileToken = null;
  }

  get signedIn() {
    return !!this.token;
  }

  _save() {
    if (this.token) localStorage.setItem(SESSION_KEY, JSON.stringify({ token: this.token, user: this.user }));
    else localStorage.removeItem(SESSION_KEY);
  }

  async request(method, path, body) {
    const headers = {};
    if (this.token) headers.Authorization = this.token;
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(this.baseUrl + path, { method, headers, body: payload });
    } catch {
      throw new ApiError(0, null);
    }
    if (res.status === 204) return null;
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }

  async signIn(email, password) {
    const res = await this.request("POST", "/api/collections/users/auth-with-password", { identity: email, password });
    this.token = res.token;
    this.user = res.record;
    this._save();
    return res.record;
  }

  async signUp(name, email, password) {
    await this.request("POST", "/api/collections/users/records", { name, email, password, passwordConfirm: password });
    return this.signIn(email, password);
  }

  // refresh renews the token and checks the session is still good.
  async refresh() {
    const res = await this.request("POST", "/api/collections/users/auth-refresh");
    this.token = res.token;
    this.user = res.record;
    this._save();
    return res.record;
  }

  // setUser keeps the signed-in user's record current after a change.
  setUser(record) {
    this.user = record;
    this._save();
  }

  signOut() {
    this.token = "";
    this.user = null;
    this._fileToken = null;
    this._save();
  }

  list(collection, params = {}) {
    const q = new URLSearchParams(params).toString();
    return this.request("GET", `/api/collections/${collection}/records${q ? "?" + q : ""}`);
  }

  // listAll pages through a whole list, as the server serves it: at most
  // 100 records a page (a larger perPage is lowered, and the response says
  // so).
  async listAll(collection, params = {}) {
    const items = [];
    for (let page = 1; ; page++) {
      const res = await this.list(collection, { ...params, page, perPage: 100, skipTotal: 1 });
      items.push(...res.items);
      if (res.items.length < res.perPage) return items;
    }
  }

  create(collection, body) {
    return this.request("POST", `/api/collections/${collection}/records`, body);
  }

  update(collection, id, body) {
    return this.request("PATCH", `/api/collections/${collection}/records/${id}`, body);
  }

  remove(collection, id) {
    return this.request("DELETE", `/api/collections/${collection}/records/${id}`);
  }

  // fileUrl is the URL of a protected file, with a short-lived file token.
  async fileUrl(record, filename, thumb) {
    if (!this._fileToken || this._fileToken.until < Date.now()) {
      const res = await this.request("POST", "/api/files/token");
      this._fileToken = { token: res.token, until: Date.now() + 100_000 };
    }
    const q = new URLSearchParams({ token: this._fileToken.token });
    if (thumb) q.set("thumb", thumb);
    return `${this.baseUrl}/api/files/${record.collectionId}/${record.id}/${encodeURIComponent(filename)}?${q}`;
  }
}

// filter quotes a value for a PocketBase filter.
export function quote(value) {
  return `"${String(value).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}
