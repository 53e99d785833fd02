// conversation-styles.js: the look of <pbchat-conversation>: the header,
// the timeline and its messages, the menu.

import { css } from "lit";

export const conversationStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
    position: relative;
    container-type: inline-size;
  }
  .settings .icon {
    display: none;
  }
  @container (max-width: 520px) {
    .settings .icon {
      display: inline;
    }
    .settings .label {
      display: none;
    }
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.55rem 0.75rem;
    border-bottom: 1px solid var(--_line);
  }
  header .titles {
    flex: 1;
    min-width: 0;
  }
  header h2 {
    margin: 0;
    font-size: 1.05rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  header p {
    margin: 0;
    font-size: 0.85rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .back {
    font-size: 1.3rem;
    line-height: 1;
    padding: 0.2rem 0.6rem;
  }
  .scroller {
    flex: 1;
    overflow-y: auto;
    padding: 0.25rem 0;
  }
  .scroller:focus-visible {
    outline-offset: -2px;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .state {
    text-align: center;
    font-size: 0.85rem;
    margin: 0.5rem;
  }
  li.day,
  li.note,
  li.divider {
    text-align: center;
    font-size: 0.8rem;
    color: var(--_muted);
    margin: 0.6rem 0;
  }
  li.divider {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    color: var(--_danger);
    font-weight: 600;
    margin: 0.4rem 0.75rem;
  }
  li.divider::before,
  li.divider::after {
    content: "";
    flex: 1;
    border-top: 1px solid currentColor;
  }
  .msg {
    display: flex;
    gap: 0.6rem;
    padding: 0.3rem 0.75rem;
  }
  .msg:hover {
    background: var(--_hover);
  }
  .msg.grouped {
    padding-top: 0;
  }
  .msg.grouped .meta {
    height: 0;
  }
  .msg.grouped .meta time {
    display: none;
  }
  .msg.grouped .more {
    position: relative;
    top: 0.2rem;
  }
  .msg.mentions-me {
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .msg.flash {
    background: var(--_flash);
  }
  .gutter {
    width: 2.25rem;
    flex: none;
  }
  .body {
    flex: 1;
    min-width: 0;
  }
  .meta {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .author {
    font-weight: 600;
    font-size: 0.95rem;
    color: var(--_text);
  }
  .more {
    margin-left: auto;
    border: 0;
    background: none;
    padding: 0 0.4rem;
    opacity: 0.7;
  }
  .msg-text {
    margin: 0.1rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .msg-text a {
    color: var(--_link);
  }
  .meta .edited {
    padding: 0;
    font-size: inherit;
    color: var(--_muted);
    text-decoration: underline dotted;
  }
  .withheld {
    margin: 0.1rem 0;
    color: var(--_muted);
    font-style: italic;
  }
  .withheld .link {
    font-style: normal;
  }
  .quote {
    display: block;
    text-align: left;
    margin: 0.2rem 0;
    padding: 0.2rem 0.5rem;
    border: 0;
    border-left: 3px solid var(--_line);
    border-radius: 0;
    background: var(--_raised);
    font-size: 0.85rem;
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .quote-author {
    font-weight: 600;
    margin-right: 0.4rem;
  }
  .msg-files {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.3rem;
  }
  .msg-files img {
    max-width: min(100%, 320px);
    max-height: 240px;
    border-radius: var(--_radius);
    display: block;
  }
  .msg-files a {
    color: var(--_link);
  }
  .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    margin-top: 0.25rem;
  }
  .chip {
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.85rem;
  }
  .chip.mine {
    border-color: var(--_accent);
    background: var(--_mine);
  }
  .receipt {
    margin: 0.15rem 0 0;
    font-size: 0.78rem;
    color: var(--_muted);
  }
  .msg.pending .msg-text {
    opacity: 0.75;
  }
  .msg-status {
    font-size: 0.85rem;
    margin: 0.2rem 0 0;
  }
  .msg.failed .msg-status {
    color: var(--_danger);
  }
  .editing textarea {
    width: 100%;
    resize: vertical;
  }
  .editing .actions {
    justify-content: flex-start;
    margin-top: 0.3rem;
  }
  .typing {
    min-height: 1.3rem;
    margin: 0;
    padding: 0 0.75rem;
    font-size: 0.82rem;
    color: var(--_muted);
  }
  .jump {
    position: absolute;
    left: 50%;
    transform: translateX(-50%);
    z-index: 1;
    border-radius: 999px;
    box-shadow: 0 2px 10px rgb(0 0 0 / 0.15);
  }
  .jump.up {
    top: 3.6rem;
  }
  .jump.down {
    bottom: 6.5rem;
  }
  .menu {
    position: fixed;
    z-index: 10;
    display: grid;
    gap: 0.15rem;
    min-width: 13rem;
    padding: 0.35rem;
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.2);
  }
  .menu button {
    border: 0;
    background: none;
    text-align: left;
  }
  .menu button:hover,
  .menu button:focus-visible {
    background: var(--_hover);
  }
  .menu .emoji {
    display: flex;
    flex-wrap: wrap;
  }
  .menu .emoji button {
    padding: 0.25rem 0.35rem;
    font-size: 1.1rem;
  }
  dialog.lightbox {
    width: min(96vw, 70rem);
    max-height: 96vh;
  }
  .lightbox figure {
    margin: 0;
    display: grid;
    gap: 0.5rem;
    justify-items: center;
  }
  .lightbox img {
    max-width: 100%;
    max-height: 75vh;
    object-fit: contain;
  }
  .lightbox a {
    color: var(--_link);
    margin-left: 0.5rem;
  }
  .placeholder {
    margin: auto;
    padding: 2rem;
    color: var(--_muted);
  }
`;
