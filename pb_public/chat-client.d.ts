// chat-client.d.ts: the types of chat-client.js, pbchat's websocket client.
// TypeScript picks them up beside the module; the README shows an example.

/** Close codes of the protocol. */
export declare const CloseCodes: Readonly<{
  /** The server is going away (restart, or $chat.disconnect): reconnect and resume. */
  GOING_AWAY: 1001;
  /** A frame over 4 KB was sent. */
  TOO_BIG: 1009;
  /** The token can't be checked now, or this edge is behind the cursor: reconnect after a backoff. */
  TRY_AGAIN_LATER: 1013;
  /** The socket fell too far behind: reconnect and resume; nothing is lost. */
  SLOW: 4008;
  /** A missing, invalid, expired or revoked token: sign in again, then connect(). */
  UNAUTHORIZED: 4401;
  /** The user already has the most sockets allowed. */
  TOO_MANY_SOCKETS: 4429;
}>;
export type CloseCode = (typeof CloseCodes)[keyof typeof CloseCodes];

/** Connection states, as given to "state" handlers. */
export declare const States: Readonly<{
  IDLE: "idle";
  CONNECTING: "connecting";
  LIVE: "live";
  RECONNECTING: "reconnecting";
  OFFLINE: "offline";
  UNAUTHORIZED: "unauthorized";
  CLOSED: "closed";
}>;
export type State = (typeof States)[keyof typeof States];

/** What every record of an event carries, as PocketBase's REST API gives it. */
export interface BaseRecord {
  id: string;
  collectionId: string;
  collectionName: string;
  created: string;
  updated: string;
}

/** A user as other members see them (email only where its owner shows it). */
export interface UserRecord {
  id: string;
  collectionId: string;
  collectionName: string;
  name: string;
  avatar: string;
  email?: string;
}

export interface ConversationRecord extends BaseRecord {
  collectionName: "conversations";
  title: string;
  createdBy: string;
  lastMessage: string;
  lastMessageAt: string;
}

export interface MemberRecord extends BaseRecord {
  collectionName: "members";
  conversation: string;
  user: string;
  role: "owner" | "member";
  lastReadAt: string;
  expand?: { user?: UserRecord; conversation?: ConversationRecord };
}

/** What a reply carries of the message it answers. */
export interface Quote {
  id: string;
  author?: string;
  authorName?: string;
  /** The first 120 characters. */
  text?: string;
  /** How many attachments it has. */
  files?: number;
  /** The message was deleted. */
  deleted?: true;
  /** You block its author: no text or files (ask the message with ?show=withheld). */
  withheld?: "blocked";
}

/** An attachment: the name it is stored under, the name it was sent with, its size in bytes. */
export interface FileInfo {
  name: string;
  original: string;
  size: number;
}

export interface MessageRecord extends BaseRecord {
  collectionName: "messages";
  conversation: string;
  author: string;
  text: string;
  attachments: string[];
  files: FileInfo[] | null;
  replyTo: string;
  reply: Quote | null;
  mentions: string[];
  /**
   * You block its author ("blocked") or reported it ("reported"): the
   * message comes without text, attachments, files, mentions or reply
   * (those fields are absent); show "a message from someone you blocked",
   * and fetch it whole with ?show=withheld.
   */
  withheld?: "blocked" | "reported";
  expand?: { author?: UserRecord };
}

/** A pinned message of a conversation (read the message itself over REST). */
export interface PinRecord {
  id: string;
  collectionId: string;
  collectionName: "pins";
  conversation: string;
  message: string;
  pinnedBy: string;
  created: string;
}

/** A block of yours: you see only your own; the person blocked is never told. */
export interface BlockRecord {
  id: string;
  collectionId: string;
  collectionName: "blocks";
  blocker: string;
  blocked: string;
  created: string;
  expand?: { blocked?: UserRecord };
}

/** An invitation to a conversation: what its invitee may know before accepting. */
export interface InvitationRecord {
  id: string;
  collectionId: string;
  collectionName: "invitations";
  conversation: string;
  invitee: string;
  inviter: string;
  created: string;
  /** The conversation's title ("" if untitled: name it by heroes). */
  title: string;
  /** How many members it has. */
  members: number;
  /** Untitled: up to three of its members. */
  heroes: UserRecord[];
  expand?: { inviter?: UserRecord };
}

/** A personal event: of no conversation, about you alone. */
export interface PersonalEvent<T extends string, R> {
  type: T;
  record: R;
  cursor: string;
}

export interface ReactionRecord extends BaseRecord {
  collectionName: "reactions";
  message: string;
  user: string;
  emoji: string;
  expand?: { user?: UserRecord };
}

/** A journaled change: its record as a member reads it over REST, and the cursor to resume after it. */
export interface RecordEvent<T extends string, R> {
  type: T;
  conversation: string;
  record: R;
  cursor: string;
}

/** Every frame type the client hands to handlers, and its payload. */
export interface ChatEvents {
  "message.created": RecordEvent<"message.created", MessageRecord>;
  "message.updated": RecordEvent<"message.updated", MessageRecord>;
  "message.deleted": RecordEvent<"message.deleted", MessageRecord>;
  /** You were added to a conversation (or created one). */
  "conversation.created": RecordEvent<"conversation.created", ConversationRecord>;
  "conversation.updated": RecordEvent<"conversation.updated", ConversationRecord>;
  /** You left or were removed, or it was deleted; null if it was already gone. */
  "conversation.removed": RecordEvent<"conversation.removed", ConversationRecord | null>;
  "member.created": RecordEvent<"member.created", MemberRecord>;
  "member.updated": RecordEvent<"member.updated", MemberRecord>;
  "member.deleted": RecordEvent<"member.deleted", MemberRecord>;
  "reaction.created": RecordEvent<"reaction.created", ReactionRecord>;
  "reaction.deleted": RecordEvent<"reaction.deleted", ReactionRecord>;
  "pin.created": RecordEvent<"pin.created", PinRecord>;
  "pin.deleted": RecordEvent<"pin.deleted", PinRecord>;
  /** A block of yours made or lifted (on any of your devices). */
  "block.created": PersonalEvent<"block.created", BlockRecord>;
  "block.deleted": PersonalEvent<"block.deleted", BlockRecord>;
  /** An invitation to you arrived (or came into sight: you unblocked its inviter). */
  "invitation.created": PersonalEvent<"invitation.created", InvitationRecord>;
  /** You reported a message (on any device): withhold it. */
  "report.created": PersonalEvent<"report.created", { id: string; reporter: string; message: string }>;
  /** An invitation to you was accepted, declined or withdrawn (or you blocked its inviter). */
  "invitation.deleted": PersonalEvent<"invitation.deleted", InvitationRecord>;
  /** Your read from another device, or another member's read receipt. */
  read: { type: "read"; conversation: string; user: string; lastReadAt: string; cursor: string };
  /** Someone you share a conversation with came online or went offline. */
  presence: { type: "presence"; user: string; online: boolean; lastSeen?: string };
  typing: { type: "typing"; conversation: string; user: string };
  /** Caught up; resumed is true after a reconnect, whose missed events came before it. */
  ready: { type: "ready"; user: string; cursor?: string; resumed: boolean };
  /** Too much was missed: reload over REST. */
  resync: { type: "resync" };
  /** A frame the server refused. */
  error: { type: "error"; error: string };
  state: State;
  close: { type: "close"; code: number; reason: string };
}

/** The frame of a custom type sent by the server's Hub.Notify or $chat.notify. */
export interface CustomFrame<T extends string, D> {
  type: T;
  data: D;
}

/** Custom event types a server sends, by name, with their data: ChatClient<{ "dice.rolled": { total: number } }>. */
export type CustomEvents = Record<string, unknown>;

type AllEvents<C extends CustomEvents> = ChatEvents & { [K in keyof C & string]: CustomFrame<K, C[K]> };

/** Any frame a "*" handler gets (state and close changes are not frames). */
export type ChatFrame<C extends CustomEvents = {}> = AllEvents<C>[Exclude<keyof AllEvents<C>, "state" | "close">];

/** What chat-client.js needs of a WebSocket: the browser's, or the "ws" package's in Node. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  onopen: ((ev: any) => any) | null;
  onmessage: ((ev: any) => any) | null;
  onclose: ((ev: any) => any) | null;
  onerror: ((ev: any) => any) | null;
}

export interface ChatClientOptions {
  /** The socket URL; default: baseUrl (or the page's origin) + /api/chat/ws. */
  url?: string;
  /** The server's base URL, as given to the SDK. */
  baseUrl?: string;
  /** A users auth token, or a function returning the current one. */
  token?: string | (() => string);
  /** The SDK's authStore, read at each connect. */
  authStore?: { token: string };
  /** A cursor to resume from on the first connect. */
  since?: string;
  /** A WebSocket implementation (Node: the "ws" package). */
  WebSocket?: new (url: string) => WebSocketLike;
  /** First reconnect delay in ms (default 500). */
  minDelay?: number;
  /** Longest reconnect delay in ms (default 15000). */
  maxDelay?: number;
}

export declare class ChatClient<C extends CustomEvents = {}> {
  constructor(options?: ChatClientOptions);
  readonly options: ChatClientOptions;
  /** The current state. */
  readonly state: State;
  /** The cursor of the last event received; resume point of the next connect. */
  readonly cursor: string;
  /** Adds a handler for a frame type and returns a function that removes it. */
  on<K extends keyof AllEvents<C>>(type: K, handler: (frame: AllEvents<C>[K]) => void): () => void;
  /** Adds a handler for every frame. */
  on(type: "*", handler: (frame: ChatFrame<C>) => void): () => void;
  /** Opens the socket, and keeps it open until close(). Also retries now after "unauthorized". */
  connect(): void;
  /** Closes the socket for good. */
  close(): void;
  /** Tells the other members that the user is typing; at most once a second per conversation. */
  typing(conversation: string): void;
}

/** A message id the client chooses, so that a retried send is stored once. */
export declare function newId(): string;
