import { useEffect, useRef } from 'react';
import type { MessageKey } from '../i18n/messages';
import type { ViewId } from './view-props';

/**
 * Single-key shortcuts for the main actions. They are ignored while the analyst types (inputs,
 * text areas, selects, editable content) and with Ctrl, Alt or Meta held, so the browser's own
 * shortcuts and typing a name never trigger them.
 *
 * `/` focuses the current view's search box: the first element in <main> marked
 * `data-shortcut="search"` (views: put it on your search input), else the first search input.
 */
export const SHORTCUTS: readonly { key: string; view?: ViewId; action?: 'search' | 'help'; label: MessageKey }[] = [
  { key: 'g', view: 'graph', label: 'shortcuts.graph' },
  { key: 'r', view: 'rankings', label: 'shortcuts.rankings' },
  { key: 't', view: 'timeline', label: 'shortcuts.timeline' },
  { key: 'd', view: 'detections', label: 'shortcuts.detections' },
  { key: 'c', view: 'cases', label: 'shortcuts.cases' },
  { key: 'l', view: 'records', label: 'shortcuts.records' },
  { key: '/', action: 'search', label: 'shortcuts.search' },
  { key: '?', action: 'help', label: 'shortcuts.help' },
];

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  return false;
}

export function focusSearch(): boolean {
  const main = document.querySelector('main') ?? document.body;
  const el = main.querySelector<HTMLElement>('[data-shortcut="search"]') ?? main.querySelector<HTMLElement>('input[type="search"]');
  if (!el) return false;
  el.focus();
  if (el instanceof HTMLInputElement) el.select();
  return true;
}

export function useShortcuts(handlers: { view(view: ViewId): void; help(): void }): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.isComposing || isTyping(e.target)) return;
      // An open modal dialog (the shortcuts list itself) keeps the keyboard.
      if (document.querySelector('dialog[open]')) return;
      const s = SHORTCUTS.find((x) => x.key === e.key);
      if (!s) return;
      if (s.view) ref.current.view(s.view);
      else if (s.action === 'help') ref.current.help();
      else if (s.action === 'search' && !focusSearch()) return;
      e.preventDefault();
    };
    window.addEventListener('keydown', down);
    return () => window.removeEventListener('keydown', down);
  }, []);
}
