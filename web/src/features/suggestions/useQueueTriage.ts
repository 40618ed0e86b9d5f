import { computed, nextTick, ref, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { useAuthStore } from '../../stores/auth';
import { domId } from './linkage-format';
import { useSuggestionQueueStore, type QueuedSuggestion } from './suggestion-queue.store';
import { useSuggestionTriageStore } from './suggestion-triage.store';
import type { Dismissal } from './triage-reasons';
import { useTriageKeys } from './useTriageKeys';

/**
 * The queue page's triage: who may triage (security team, pending queue only), which item's reason
 * picker is open, focus that stays in the queue as items leave it, and the single-key shortcuts.
 */
export function useQueueTriage(showsPending: Ref<boolean>) {
  const auth = useAuthStore();
  const queue = useSuggestionQueueStore();
  const triage = useSuggestionTriageStore();
  const router = useRouter();
  const canTriage = computed(() => auth.can('security-team') && showsPending.value);
  /** The suggestion whose reason picker is open. */
  const dismissing = ref<string | null>(null);
  const helpOpen = ref(false);

  function focusItem(index: number): void {
    const item = queue.items[Math.min(Math.max(index, 0), queue.items.length - 1)];
    if (item) document.getElementById(domId('suggestion', item.cveId))?.focus();
  }

  /** The queue item holding the focus, if any. */
  function currentIndex(): number {
    const article = document.activeElement?.closest('article.suggestion');
    return article ? queue.items.findIndex((item) => domId('suggestion', item.cveId) === article.id) : -1;
  }

  async function afterLeaving(index: number): Promise<void> {
    await nextTick();
    focusItem(index);
  }

  async function accept(item: QueuedSuggestion): Promise<void> {
    const index = queue.items.indexOf(item);
    if (await triage.accept(item.id)) await afterLeaving(index);
  }

  async function dismiss(item: QueuedSuggestion, dismissal: Dismissal): Promise<void> {
    const index = queue.items.indexOf(item);
    if (await triage.dismiss([item.id], dismissal)) {
      dismissing.value = null;
      await afterLeaving(index);
    }
  }

  async function dismissSelected(dismissal: Dismissal): Promise<void> {
    await triage.dismiss([...triage.selected], dismissal);
  }

  function current(): QueuedSuggestion | undefined {
    return queue.items[currentIndex()];
  }

  useTriageKeys(canTriage, {
    move: (step) => focusItem(currentIndex() === -1 ? 0 : currentIndex() + step),
    dismiss: () => {
      const item = current();
      if (item) dismissing.value = item.id;
    },
    accept: () => {
      const item = current();
      if (item && !triage.busy) void accept(item);
    },
    open: () => {
      const item = current();
      if (item) void router.push(`/cve/${item.cveId}`);
    },
    help: () => (helpOpen.value = !helpOpen.value),
  });

  return { canTriage, dismissing, helpOpen, accept, dismiss, dismissSelected };
}
