// pbchat-elements.d.ts: the types of pbchat-elements.js, the chat's custom
// elements. Importing the module defines <pbchat-app>, <pbchat-inbox> and
// <pbchat-conversation>; these declarations type them in
// document.createElement, querySelector and addEventListener, and in JSX
// through HTMLElementTagNameMap. docs/elements.md is the manual.

/** The part of PocketBase's JS SDK client the elements use: give them yours. */
export interface PocketBaseLike {
  baseURL: string;
  authStore: {
    isValid: boolean;
    token: string;
    record: { id: string; [field: string]: unknown } | null;
    onChange(callback: (token: string, record: unknown) => void, fireImmediately?: boolean): () => void;
    clear(): void;
  };
  collection(name: string): unknown;
  files: unknown;
  filter(raw: string, params?: Record<string, unknown>): string;
  send(path: string, options: Record<string, unknown>): Promise<any>;
}

/** What every element takes: the host's client, or a server to make one for. */
interface PbchatElementBase extends HTMLElement {
  /** The host's PocketBase client (new PocketBase(url)); the elements sign in and out with it. */
  pb: PocketBaseLike | undefined;
  /** Without pb: the server's URL (attribute base-url; default: the server that served the script), with the SDK's default auth store. */
  baseUrl: string | undefined;
}

/** pbchat-open: a conversation was picked (the host may preventDefault() to handle it itself). */
export interface PbchatOpenDetail {
  conversation: string;
  /** A message to show in it (a search result). */
  message?: string;
}

/** pbchat-unread: the unread messages of every conversation not muted, for the host's badge. */
export interface PbchatUnreadDetail {
  total: number;
}

/** The events the elements fire (bubbling, composed): typed on every element's addEventListener. */
export interface PbchatEventMap {
  "pbchat-open": CustomEvent<PbchatOpenDetail>;
  "pbchat-unread": CustomEvent<PbchatUnreadDetail>;
  "pbchat-back": CustomEvent<Record<string, never>>;
}

/** <pbchat-inbox>: the person's conversations, live; fires pbchat-open and pbchat-unread. */
export interface PbchatInbox extends PbchatElementBase {
  /** The conversation shown as open (attribute selected). */
  selected: string | undefined;
  /** Opens a conversation as a pick does (fires pbchat-open first). */
  open(conversation: string): void;
}

/** <pbchat-conversation conversation="…">: one conversation, live, with its composer. */
export interface PbchatConversation extends PbchatElementBase {
  /** The conversation's id (attribute conversation). */
  conversation: string | undefined;
  /** Shows a back button that fires pbchat-back (attribute back). */
  back: boolean;
  /** Shows a message, loading older pages until it is there; false if it isn't in the conversation. */
  reveal(message: string): Promise<boolean>;
  /** Puts the caret in the composer. */
  focus(): void;
}

/** <pbchat-app>: everything: sign-in, the inbox, the open conversation at #conversation=<id>, search, settings. */
export interface PbchatApp extends PbchatElementBase {
  /** Opens a conversation (and shows a message in it) at an address of its own. */
  open(conversation: string, message?: string): Promise<void>;
}

export declare const PbchatApp: { prototype: PbchatApp; new (): PbchatApp };
export declare const PbchatInbox: { prototype: PbchatInbox; new (): PbchatInbox };
export declare const PbchatConversation: { prototype: PbchatConversation; new (): PbchatConversation };

/** Shows every element's strings in this language from now on ("en" or "de"; others fall back to English). */
export declare function setLanguage(language: string): void;

declare global {
  interface HTMLElementTagNameMap {
    "pbchat-app": PbchatApp;
    "pbchat-inbox": PbchatInbox;
    "pbchat-conversation": PbchatConversation;
  }
  interface HTMLElementEventMap extends PbchatEventMap {}
}
