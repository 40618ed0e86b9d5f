import { onBeforeUnmount, onMounted } from 'vue';

export const AUTO_REFRESH_MS = 30_000;

/**
 * Keeps an open page current: calls `refresh` every `intervalMs` while the tab is visible, and at
 * once when the user comes back to the tab (a webhook may have changed what it shows meanwhile).
 */
export function useAutoRefresh(refresh: () => Promise<void> | void, intervalMs = AUTO_REFRESH_MS): void {
  let timer: ReturnType<typeof setInterval> | undefined;

  const refreshIfVisible = () => {
    if (document.visibilityState === 'visible') void refresh();
  };

  onMounted(() => {
    timer = setInterval(refreshIfVisible, intervalMs);
    document.addEventListener('visibilitychange', refreshIfVisible);
  });
  onBeforeUnmount(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', refreshIfVisible);
  });
}
