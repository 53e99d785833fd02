// moderation.js: the list of words nobody may post, and how they are found
// and masked. Not a hook file (only *.pb.js are): hooks require() it.

const words = ["scam", "spam"]; // edit me: lower case, whole words

const pattern = new RegExp(`\\b(${words.join("|")})\\b`, "gi");

module.exports = {
  /** find returns the listed words in text, each once, lower case. */
  find(text) {
    const found = new Set();
    for (const m of String(text || "").matchAll(pattern)) found.add(m[1].toLowerCase());
    return [...found];
  },

  /** mask returns text with every listed word starred out. */
  mask(text) {
    return String(text || "").replace(pattern, (w) => "*".repeat(w.length));
  },

  /**
   * maskMessage masks a message's text and its reply quote in place and
   * says whether anything changed.
   */
  maskMessage(m) {
    let changed = false;
    if (typeof m.text === "string" && this.find(m.text).length > 0) {
      m.text = this.mask(m.text);
      changed = true;
    }
    if (m.reply && typeof m.reply.text === "string" && this.find(m.reply.text).length > 0) {
      m.reply = { ...m.reply, text: this.mask(m.reply.text) };
      changed = true;
    }
    return changed;
  },
};
