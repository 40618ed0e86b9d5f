import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { TRIAGE_KEYS, useTriageKeys, type TriageKeyActions } from './useTriageKeys';

function setup(enabled = true) {
  const actions = { move: vi.fn(), dismiss: vi.fn(), accept: vi.fn(), open: vi.fn(), help: vi.fn() } satisfies TriageKeyActions;
  const on = ref(enabled);
  const Host = defineComponent({
    setup() {
      useTriageKeys(on, actions);
      return () => h('div', [h('input', { 'aria-label': 'Note' }), h('textarea'), h('div', { contenteditable: 'true', class: 'editable' })]);
    },
  });
  const wrapper = mount(Host, { attachTo: document.body });
  return { actions, on, wrapper };
}

/** Dispatches a keydown as the browser would, on `target` (bubbling to document); returns the event. */
function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

let mounted: { unmount(): void } | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

describe('useTriageKeys', () => {
  it('maps j/k/d/a/o/? to their actions and takes the key from the browser', () => {
    const { actions, wrapper } = setup();
    mounted = wrapper;
    expect(press('j').defaultPrevented).toBe(true);
    expect(actions.move).toHaveBeenLastCalledWith(1);
    press('k');
    expect(actions.move).toHaveBeenLastCalledWith(-1);
    press('d');
    press('a');
    press('o');
    press('?');
    expect(actions.move).toHaveBeenCalledTimes(2);
    expect(actions.dismiss).toHaveBeenCalledOnce();
    expect(actions.accept).toHaveBeenCalledOnce();
    expect(actions.open).toHaveBeenCalledOnce();
    expect(actions.help).toHaveBeenCalledOnce();
  });

  it('leaves other keys alone', () => {
    const { actions, wrapper } = setup();
    mounted = wrapper;
    expect(press('x').defaultPrevented).toBe(false);
    expect(press('Enter').defaultPrevented).toBe(false);
    expect(Object.values(actions).some((action) => action.mock.calls.length > 0)).toBe(false);
  });

  it('ignores keys with a modifier, already handled, or typed into a form field', () => {
    const { actions, wrapper } = setup();
    mounted = wrapper;
    press('j', { ctrlKey: true });
    press('j', { metaKey: true });
    press('d', { altKey: true });
    press('j', {}, wrapper.get('input').element);
    press('d', {}, wrapper.get('textarea').element);
    const editable = wrapper.get('.editable').element as HTMLElement;
    // happy-dom does not derive isContentEditable from the attribute.
    Object.defineProperty(editable, 'isContentEditable', { value: true });
    press('a', {}, editable);
    const handled = new KeyboardEvent('keydown', { key: 'o', bubbles: true, cancelable: true });
    handled.preventDefault();
    document.body.dispatchEvent(handled);
    expect(Object.values(actions).some((action) => action.mock.calls.length > 0)).toBe(false);
  });

  it('does nothing while disabled, and stops listening once unmounted', async () => {
    const { actions, on, wrapper } = setup(false);
    expect(press('j').defaultPrevented).toBe(false);
    on.value = true;
    press('j');
    expect(actions.move).toHaveBeenCalledOnce();
    wrapper.unmount();
    press('j');
    expect(actions.move).toHaveBeenCalledOnce();
  });

  it('documents every key it handles', () => {
    expect(TRIAGE_KEYS.map((k) => k.key)).toEqual(['j', 'k', 'd', 'a', 'o', '?']);
  });
});
