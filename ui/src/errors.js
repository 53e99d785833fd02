// errors.js: every error the server can give, in words a person can act
// on. PocketBase's SDK throws ClientResponseError ({status, response});
// status 0 is a request that never got an answer.

import { t } from "./i18n.js";

// words says, for a field's error code, what a person can do about it.
const words = {
  "email:validation_not_unique": "That email is already registered: sign in instead.",
  "email:validation_is_email": "That email doesn't look right.",
  "email:validation_invalid_email": "That email doesn't look right.",
  "email:validation_reserved_email": "That address is kept for the server's own use.",
  "password:validation_length_out_of_range": "The password needs at least 8 characters.",
  "password:validation_min_text_constraint": "The password needs at least 8 characters.",
  "passwordConfirm:validation_values_mismatch": "The passwords don't match.",
  "members:validation_missing_rel_records": "Someone you picked is no longer here.",
  "members:validation_conversation_exists": "You already have a conversation with them.",
  "members:validation_too_many_members": "That is more people than a conversation can have.",
  "conversation:validation_too_many_members": "This conversation is full.",
  "members:validation_invalid_members": "Pick at least one person.",
  "user:validation_not_unique": "They are already in this conversation.",
  "conversation:validation_not_unique": "They are already in this conversation.",
  "conversation:validation_last_member": "You are the last one here: delete the conversation instead.",
  "text:validation_required": "Write something, or attach a file.",
  "text:validation_max_text_constraint": "A message is at most 10,000 characters.",
  "text:validation_blocked_words": "The message has a word this server doesn't allow: change it and send again.",
  "attachments:validation_file_size_limit": "A file is at most 10 MB.",
  "attachments:validation_invalid_mime_type": "That kind of file can't be sent here.",
  "avatar:validation_file_size_limit": "That picture is too large.",
  "emoji:validation_not_emoji": "React with one emoji.",
  "replyTo:validation_reply_elsewhere": "That message is no longer here to reply to.",
  "mentions:validation_not_member": "Someone you mentioned is not in this conversation.",
  "blocked:validation_block_self": "You can't block yourself.",
  "blocked:validation_already_blocked": "You already block this person.",
  "blocked:validation_too_many_blocks": "You block as many people as you can: unblock someone first.",
  "invitee:validation_already_invited": "They are already invited.",
  "invitee:validation_already_member": "They are already in this conversation.",
  "expires:validation_link_expiry": "A link lasts at most 30 days.",
  "maxUses:validation_link_uses": "A link is used from 1 to 1,000 times.",
  "message:validation_own_message": "You can't report your own message: delete it instead.",
  "message:validation_already_reported": "You already reported this message.",
  "retentionDays:validation_retention_too_long": "This server keeps messages for less time than that.",
  "retentionDays:validation_retention": "Keep messages for a number of days, or as long as the server does.",
  "account:validation_suspended": "This account is suspended.",
  "token:validation_link_unknown": "This invite link doesn't work: it may have been revoked.",
  "token:validation_link_expired": "This invite link has expired.",
  "token:validation_link_used_up": "This invite link has been used as many times as it allows.",
};

/** True when err is a request that never got an answer: worth sending again by itself. */
export function unreachable(err) {
  return err?.status === 0 && !err?.isAbort;
}

/** err in plain words. */
export function describe(err) {
  if (!err) return "";
  const status = err.status ?? -1;
  const body = err.response || err.data || null;
  if (status === 0) return t("Can't reach the server. Check your connection and try again.");
  if (status === 429) return t("That was too many at once. Wait a moment and try again.");
  const data = Object.entries(body?.data || {});
  // a code of ours in our words; one of an app's own hooks in its message
  if (data.length) return data.map(([field, e]) => (words[`${field}:${e?.code}`] ? t(words[`${field}:${e?.code}`]) : e?.message || `${field}: ${e?.code}`)).join(" ");
  if (body?.message === "Failed to authenticate.") return t("Wrong email or password.");
  if (status === 401) return t("Your session has ended. Please sign in again.");
  if (status === 403) return t("You can't do that here.");
  if (status === 404) return t("That is no longer here.");
  if (status >= 500) return t("Something went wrong on the server. Try again in a moment.");
  if (status === 400) return t("The server couldn't take that: check what you entered.");
  return err.message || String(err);
}

/** True when sending the same request again can only fail the same way. */
export function final(err) {
  return !unreachable(err) && err?.status !== 429 && !(err?.status >= 500);
}
