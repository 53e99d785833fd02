/// <reference path="../../pb_data/types.d.ts" />
/// <reference path="./pbchat.d.ts" />

// Moderation: words from the list in moderation.js can't be posted, and
// wherever they reach someone anyway (an edit of a message already
// delivered, a message stored before its word was listed) they are masked.

// A new message with a listed word: 400, nothing saved.
onRecordCreateRequest((e) => {
  const found = require(`${__hooks}/moderation.js`).find(e.record.getString("text"));
  if (found.length > 0) {
    throw new BadRequestError("Failed to create record.", {
      text: new ValidationError(
        "validation_blocked_words",
        `Your message has words that aren't allowed here: ${found.join(", ")}.`,
      ),
    });
  }
  e.next();
}, "messages");

// Edits go through (the message was already delivered, and refusing the
// edit would keep the old text in front of everyone), but every copy that
// leaves the server is masked: live events and resumes here…
onChatDeliver((e) => {
  const type = e.chatEvent.type;
  if (type === "message.created" || type === "message.updated") {
    const moderation = require(`${__hooks}/moderation.js`);
    const data = e.data();
    if (moderation.maskMessage(data)) e.setData(data);
  }
  e.next();
});

// …and REST reads. Superusers see what was written, to review it.
onRecordEnrich((e) => {
  if (!e.requestInfo?.auth?.isSuperuser()) {
    const moderation = require(`${__hooks}/moderation.js`);
    const data = { text: e.record.getString("text"), reply: JSON.parse(e.record.getString("reply") || "null") };
    if (moderation.maskMessage(data)) {
      e.record.set("text", data.text);
      e.record.set("reply", data.reply);
    }
  }
  e.next();
}, "messages");
