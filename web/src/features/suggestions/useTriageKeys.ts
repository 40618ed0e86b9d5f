import { onBeforeUnmount, onMounted, type Ref } from 'vue';

export interface TriageKeyActions {
  /** Moves to the next (1) or previous (-1) suggestion. */
  move(step: 1 | -1): void;
  dismiss(): void;
  accept(): void;
  open(): void;
  help(): void;
}

/** The keys, for the help text; the handler below is the source of truth. */
export const TRIAGE_KEYS = [
  { key: 'j', does: 'next suggestion' },
  { key: 'k', does: 'previous suggestion' },
  { key: 'd', does: 'dismiss (opens the reason picker)' },
  { key: 'a', does: 'accept into a new draft' },
  { key: 'o', does: "open the CVE's page" },
  { key: '?', does: 'show or hide this help' },
] as const;

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Single-key triage on the queue page (j/k/d/a/o/?), like a mail client. Keys typed into a form
 * field, or with a modifier, are left alone; `enabled` turns them off (e.g. for non-team users).
 */
export function useTriageKeys(enabled: Ref<boolean>, actions: TriageKeyActions): void {
  function onKey(event: KeyboardEvent): void {
    if (!enabled.value || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target)) return;
    const handlers: Record<string, () => void> = {
      j: () => actions.move(1),
      k: () => actions.move(-1),
      d: actions.dismiss,
      a: actions.accept,
      o: actions.open,
      '?': actions.help,
    };
    const handler = handlers[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  }
  onMounted(() => document.addEventListener('keydown', onKey));
  onBeforeUnmount(() => document.removeEventListener('keydown', onKey));
}
