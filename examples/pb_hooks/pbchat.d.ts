// pbchat.d.ts: what pbchat adds to PocketBase's JS hooks (PocketBase's own
// are in pb_data/types.d.ts, written at start). Reference it from a hook
// file for your editor:  /// <reference path="./pbchat.d.ts" />

/** One committed chat change, as the journal holds it. */
interface ChatJournalEvent {
  /** Its place in commit order. */
  seq: number;
  /** "message.created", "member.deleted", …: the README lists them. */
  type: string;
  conversation: string;
  /** The id of the changed record. */
  record: string;
  /** Users whose membership the change altered. */
  added: string[] | null;
  removed: string[] | null;
}

/** The event onChatDeliver handlers get. */
interface ChatDeliverEvent {
  app: any;
  chatEvent: ChatJournalEvent;
  /** Empty live (one call for all recipients); the recipient in a resume. */
  user: string;
  /** The event's record, decoded: a message, conversation or member as a member reads it over REST. */
  data(): Record<string, any>;
  /** Replaces the record every recipient of this delivery gets. */
  setData(data: Record<string, any>): void;
  /** Goes on with the delivery; return without calling it to stop the event. */
  next(): void;
}

/**
 * onChatDeliver runs before each chat event fans out to sockets: once per
 * live event, and once per event and resuming socket in a replay. It runs
 * on the sender, in commit order: every event waits for it, so keep it
 * short (no HTTP calls).
 */
declare function onChatDeliver(handler: (e: ChatDeliverEvent) => void): void;

/** $chat: the realtime sender. */
declare namespace $chat {
  /** Sends {type, data} to every socket of the users now, without a cursor. */
  function notify(userIds: string[], type: string, data: any): void;
  /** Closes every socket of the users (1001); their clients reconnect and resume. */
  function disconnect(...userIds: string[]): void;
  /** The sender's figures. */
  function stats(): {
    sockets: number;
    users: number;
    queueDepth: number;
    lastSeq: number;
    eventsSent: number;
    framesSent: number;
    closedSlow: number;
    overflows: number;
    resumes: number;
    resyncs: number;
    resumesDelayed: number;
    panics: number;
  };
}
