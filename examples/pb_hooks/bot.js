// bot.js: the accounts bots post as. Not a hook file (only *.pb.js are):
// hooks require() it.
//
// A bot's account is made by the server when it starts, with an id of its
// own, and found by that id, never by email: nobody can sign up first with
// its address and become the bot. Addresses of the bots' domain can't be
// signed up with at all (see roll.pb.js).

module.exports = {
  /** domain is the bots' email domain: .invalid never receives mail. */
  domain: "bots.pbchat.invalid",

  /**
   * ensure makes the bot's account if it isn't there yet, and returns it.
   * A superuser can rename it in the admin UI; nobody can sign in as it.
   */
  ensure(app, id, name) {
    try {
      return app.findRecordById("users", id);
    } catch (_) {
      // not made yet
    }
    const bot = new Record(app.findCollectionByNameOrId("users"));
    bot.set("id", id);
    bot.set("name", name);
    bot.setEmail(`${id}@${this.domain}`);
    bot.setRandomPassword(); // nobody signs in as a bot
    bot.setVerified(true);
    app.save(bot);
    return bot;
  },

  /** guard refuses email, for anyone but a superuser, if it is a bot's. */
  guard(e, email) {
    if (!e.hasSuperuserAuth() && String(email || "").toLowerCase().endsWith(`@${this.domain}`)) {
      throw new BadRequestError("Failed to save record.", {
        email: new ValidationError("validation_reserved_email", "That address belongs to a bot."),
      });
    }
  },

  /** user returns the bot's account, made at start by ensure. */
  user(app, id) {
    return app.findRecordById("users", id);
  },
};
