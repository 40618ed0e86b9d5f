import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { useAuthStore } from '../../stores/auth';
import type { AuthSession } from '../auth/auth-api';
import NotificationsNavItem from './NotificationsNavItem.vue';
import { useNotificationsStore } from './notifications.store';

function session(userId: string | null): AuthSession {
  return {
    user: userId ? { id: userId, login: `user-${userId}`, githubId: 1, name: null, avatarUrl: null, roles: ['maintainer'], demo: false } : null,
    via: userId ? 'session' : null,
    csrfToken: null,
    login: { github: true, demo: false, demoRoles: [] },
  };
}

/** Answers the UnreadNotificationCount query with `count`, and records what was asked. */
function answerUnread(count: number) {
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const { query } = JSON.parse(init.body as string) as { query: string };
    expect(query).toContain('unreadNotificationCount');
    return new Response(JSON.stringify({ data: { unreadNotificationCount: count } }), { status: 200 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function mountItem(userId: string | null) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().session = session(userId);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:path(.*)*', component: { render: () => null } }] });
  // The component renders an <li>: give it its list, as the header does.
  return mount(defineComponent({ render: () => h('ul', [h(NotificationsNavItem)]) }), { global: { plugins: [pinia, router] } });
}

afterEach(() => vi.unstubAllGlobals());

describe('NotificationsNavItem', () => {
  it('shows nothing to an anonymous visitor and asks the server nothing', async () => {
    const fetchMock = answerUnread(5);
    const wrapper = mountItem(null);
    await flushPromises();
    expect(wrapper.find('li').exists()).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('links a logged-in user to the inbox with the unread count', async () => {
    const fetchMock = answerUnread(3);
    const wrapper = mountItem('42');
    await flushPromises();
    expect(fetchMock).toHaveBeenCalledOnce();
    const link = wrapper.get('li a');
    expect(link.attributes('href')).toBe('/notifications');
    expect(link.get('.nav-count').text()).toBe('3');
    expect(link.get('.visually-hidden').text()).toBe('(3 unread)');
    expect(link.text().replace(/\s+/g, ' ')).toBe('Notifications3 (3 unread)');
  });

  it('shows no count when nothing is unread', async () => {
    answerUnread(0);
    const wrapper = mountItem('42');
    await flushPromises();
    expect(wrapper.get('li a').text()).toBe('Notifications');
    expect(wrapper.find('.nav-count').exists()).toBe(false);
  });

  it("drops the count when the user logs out, and loads the next user's own", async () => {
    answerUnread(3);
    const wrapper = mountItem('42');
    await flushPromises();
    const auth = useAuthStore();

    auth.session = session(null);
    await flushPromises();
    expect(wrapper.find('li').exists()).toBe(false);
    expect(useNotificationsStore().unread).toBeNull();

    answerUnread(7);
    auth.session = session('43');
    await flushPromises();
    expect(wrapper.get('.nav-count').text()).toBe('7');
  });
});
