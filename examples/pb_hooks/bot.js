// bot.js: the account a bot posts as, made on first use. Not a hook file
// (only *.pb.js are): hooks require() it.

module.exports = {
  /** user returns the bot's user record, creating it the first time. */
  user(app, email, name) {
    try {
      return app.findAuthRecordByEmail("users", email);
    } catch (_) {
      // not made yet
    }
    const bot = new Record(app.findCollectionByNameOrId("users"));
    bot.set("name", name);
    bot.setEmail(email);
    bot.setRandomPassword(); // nobody signs in as a bot
    bot.setVerified(true);
    try {
      app.save(bot);
      return bot;
    } catch (err) {
      // another first use made it at the same time
      return app.findAuthRecordByEmail("users", email);
    }
  },
};
