// styles.js: the look every element shares, as CSS custom properties a
// host can set (docs/elements.md lists them), light and dark by the
// color-scheme the element inherits from the page (or its theme attribute).

import { css } from "lit";

export const tokens = css`
  :host {
    --_text: var(--pbchat-text, light-dark(#1c2430, #e8ecf2));
    --_muted: var(--pbchat-muted, light-dark(#475467, #aab4c3));
    --_surface: var(--pbchat-surface, light-dark(#ffffff, #161a20));
    --_raised: var(--pbchat-raised, light-dark(#f5f7fa, #1f242c));
    --_line: var(--pbchat-line, light-dark(#d5dbe4, #333b47));
    --_hover: var(--pbchat-hover, light-dark(#eef2f7, #252b34));
    --_selected: var(--pbchat-selected, light-dark(#dfe8fb, #263552));
    --_accent: var(--pbchat-accent, light-dark(#1d4ed8, #2f5fd0));
    --_on-accent: var(--pbchat-on-accent, #ffffff);
    --_link: var(--pbchat-link, light-dark(#1d4ed8, #9dbcff));
    --_danger: var(--pbchat-danger, light-dark(#b42318, #ff8a80));
    --_mine: var(--pbchat-mine, light-dark(#e8efff, #22304d));
    --_flash: var(--pbchat-flash, light-dark(#fff3bf, #4a3f12));
    --_radius: var(--pbchat-radius, 0.5rem);
    font-family: var(--pbchat-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    color: var(--_text);
    background: var(--_surface);
    box-sizing: border-box;
  }
  :host([theme="light"]) {
    color-scheme: light;
  }
  :host([theme="dark"]) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_line);
    background: var(--_raised);
    border-radius: var(--_radius);
    padding: 0.4rem 0.8rem;
  }
  button:hover {
    background: var(--_hover);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    color: var(--_danger);
  }
  button.link {
    border: 0;
    background: none;
    color: var(--_link);
    padding: 0.2rem 0.3rem;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  input,
  select,
  textarea {
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding: 0.45rem 0.6rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .error:empty {
    display: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  dialog {
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) * 1.5);
    padding: 1.2rem;
    width: min(30rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog h2 {
    margin: 0 0 0.8rem;
    font-size: 1.15rem;
  }
  dialog form,
  dialog .body {
    display: grid;
    /* never wider than the dialog, whatever a row holds */
    grid-template-columns: minmax(0, 1fr);
    gap: 0.75rem;
  }
  .actions {
    display: flex;
    gap: 0.5rem;
    justify-content: flex-end;
    flex-wrap: wrap;
  }
  .avatar {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 2.25rem;
    height: 2.25rem;
    border-radius: 50%;
    object-fit: cover;
    font-size: 0.8rem;
    font-weight: 600;
    color: #ffffff;
    background: hsl(var(--hue, 210) 55% 32%);
  }
  .avatar.small {
    width: 1.75rem;
    height: 1.75rem;
    font-size: 0.7rem;
  }
  .dot {
    position: absolute;
    right: -1px;
    bottom: -1px;
    width: 0.7rem;
    height: 0.7rem;
    border-radius: 50%;
    background: #12b76a;
    border: 2px solid var(--_surface);
  }
`;
