import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { useAutoRefresh } from './useAutoRefresh';

function mountWith(refresh: () => void, intervalMs: number) {
  return mount(
    defineComponent({
      setup() {
        useAutoRefresh(refresh, intervalMs);
        return () => h('p', 'advisory');
      },
    }),
  );
}

let visibility: DocumentVisibilityState = 'visible';

describe('useAutoRefresh', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    visibility = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('refreshes every interval while the tab is visible, not while it is hidden', () => {
    const refresh = vi.fn();
    const wrapper = mountWith(refresh, 30_000);
    vi.advanceTimersByTime(29_999);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);

    visibility = 'hidden';
    vi.advanceTimersByTime(90_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    wrapper.unmount();
  });

  it('refreshes at once when the user comes back to the tab, and stops when the page is left', () => {
    const refresh = vi.fn();
    const wrapper = mountWith(refresh, 30_000);
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(refresh).not.toHaveBeenCalled();
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(refresh).toHaveBeenCalledTimes(1);

    wrapper.unmount();
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(120_000);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
