import { nextTick } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown in the browser tab, before " · nixsec". */
    title: string;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    {
      path: '/',
      name: 'dashboard',
      component: () => import('../features/dashboard/DashboardPage.vue'),
      meta: { title: 'Dashboard' },
    },
    {
      path: '/suggestions',
      name: 'suggestions',
      component: () => import('../features/suggestions/SuggestionsPage.vue'),
      meta: { title: 'Suggestions' },
    },
    {
      // Public, and linked to by other tools as /cve/CVE-YYYY-NNNN; /cve alone asks for an id.
      path: '/cve/:id?',
      name: 'cve',
      component: () => import('../features/cve/CvePage.vue'),
      meta: { title: 'CVE' },
    },
    {
      path: '/:unknownPath(.*)*',
      name: 'not-found',
      component: () => import('../features/not-found/NotFoundPage.vue'),
      meta: { title: 'Page not found' },
    },
  ],
});

router.afterEach((to, from) => {
  document.title = `${to.meta.title} · nixsec`;
  // After in-app navigation, move focus to the new page so screen-reader users hear it (not on first load).
  if (from.matched.length > 0) void nextTick(() => document.getElementById('main')?.focus());
});
