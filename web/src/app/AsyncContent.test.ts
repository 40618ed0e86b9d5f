import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import AsyncContent from './AsyncContent.vue';

const mountContent = (props: { loading: boolean; error: string | undefined }) =>
  mount(AsyncContent, {
    props: { ...props, loadingText: 'Loading advisories…' },
    slots: { default: '<p class="data">3 advisories</p>' },
  });

describe('AsyncContent', () => {
  it('shows the loading text as a status, not the data', () => {
    const wrapper = mountContent({ loading: true, error: undefined });
    expect(wrapper.get('[role="status"]').text()).toBe('Loading advisories…');
    expect(wrapper.find('.data').exists()).toBe(false);
    expect(wrapper.find('button').exists()).toBe(false);
  });

  it('shows an error as an alert with a retry button that emits retry', async () => {
    const wrapper = mountContent({ loading: false, error: 'Cannot reach the nixsec API' });
    const alert = wrapper.get('[role="alert"]');
    expect(alert.text()).toContain('Cannot reach the nixsec API');
    expect(wrapper.find('.data').exists()).toBe(false);
    const retry = alert.get('button');
    expect(retry.text()).toBe('Try again');
    await retry.trigger('click');
    await retry.trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(2);
  });

  it('shows the data once loaded, and again after a retry succeeds', async () => {
    const wrapper = mountContent({ loading: false, error: 'boom' });
    await wrapper.setProps({ loading: true, error: undefined });
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    await wrapper.setProps({ loading: false });
    expect(wrapper.get('.data').text()).toBe('3 advisories');
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
  });
});
