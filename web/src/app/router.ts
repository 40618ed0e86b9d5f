import { nextTick } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import type { Requirement } from '../features/auth/roles';
import { useAuthStore } from '../stores/auth';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown in the browser tab, before " · nixsec". */
    title: string;
    /** Who may open the page; anonymous users are sent to /login and brought back afterwards. */
    requires?: Requirement;
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
      path: '/advisories',
      name: 'advisories',
      component: () => import('../features/advisories/AdvisoryListPage.vue'),
      meta: { title: 'Advisories' },
    },
    {
      path: '/advisories/:id(\\d+)/edit',
      name: 'draft-editor',
      component: () => import('../features/advisories/DraftEditorPage.vue'),
      meta: { title: 'Draft', requires: 'security-team' },
    },
    {
      // Public, NIXPKGS-YYYY-NNNN (the GitHub issue links here); a numeric id shows a draft to the team.
      path: '/advisories/:publicId',
      name: 'advisory',
      component: () => import('../features/advisories/AdvisoryPage.vue'),
      meta: { title: 'Advisory' },
    },
    {
      // Public: the attribute path without the system, e.g. /packages/python3Packages.requests.
      path: '/packages/:attr',
      name: 'package',
      component: () => import('../features/packages/PackagePage.vue'),
      meta: { title: 'Package' },
    },
    {
      // Public: a GitHub handle, as Nixpkgs' maintainer list names it.
      path: '/maintainers/:github',
      name: 'maintainer',
      component: () => import('../features/maintainers/MaintainerPage.vue'),
      meta: { title: 'Maintainer' },
    },
    {
      // Public: the pull requests with the tracked labels, and where each has landed.
      path: '/pr',
      name: 'pull-requests',
      component: () => import('../features/pull-requests/PullRequestListPage.vue'),
      meta: { title: 'Pull requests' },
    },
    {
      // Public: a pull request of the tracked Nixpkgs repository, /pr/345678.
      path: '/pr/:number(\\d+)',
      name: 'pull-request',
      component: () => import('../features/pull-requests/PullRequestPage.vue'),
      meta: { title: 'Pull request' },
    },
    {
      path: '/activity',
      name: 'activity',
      component: () => import('../features/activity/ActivityPage.vue'),
      meta: { title: 'Activity', requires: 'maintainer' },
    },
    {
      path: '/notifications',
      name: 'notifications',
      component: () => import('../features/notifications/NotificationsPage.vue'),
      meta: { title: 'Notifications', requires: 'authenticated' },
    },
    {
      path: '/subscriptions',
      name: 'subscriptions',
      component: () => import('../features/notifications/SubscriptionsPage.vue'),
      meta: { title: 'Subscriptions', requires: 'authenticated' },
    },
    {
      // Public: the discovered bootstrap chains; /boot-chain/12 is one chain's trust report, graph and builds.
      path: '/boot-chain/:id(\\d+)?',
      name: 'boot-chain',
      component: () => import('../features/boot-chain/BootChainPage.vue'),
      meta: { title: 'Boot chain' },
    },
    {
      path: '/rules',
      name: 'mapping-rules',
      component: () => import('../features/mapping-rules/MappingRulesPage.vue'),
      meta: { title: 'Mapping rules' },
    },
    {
      path: '/login',
      name: 'login',
      component: () => import('../features/auth/LoginPage.vue'),
      meta: { title: 'Log in' },
    },
    {
      path: '/settings/tokens',
      name: 'api-tokens',
      component: () => import('../features/api-tokens/ApiTokensPage.vue'),
      meta: { title: 'API tokens', requires: 'authenticated' },
    },
    {
      path: '/admin',
      name: 'admin',
      component: () => import('../features/admin/AdminPage.vue'),
      meta: { title: 'Admin', requires: 'admin' },
    },
    {
      path: '/:unknownPath(.*)*',
      name: 'not-found',
      component: () => import('../features/not-found/NotFoundPage.vue'),
      meta: { title: 'Page not found' },
    },
  ],
});

router.beforeEach(async (to) => {
  if (!to.meta.requires) return true;
  const auth = useAuthStore();
  await auth.ready();
  if (!auth.user) return { name: 'login', query: { returnTo: to.fullPath } };
  // A logged-in user without the role sees the page's own explanation; the server refuses anyway.
  return true;
});

router.afterEach((to, from) => {
  document.title = `${to.meta.title} · nixsec`;
  // After in-app navigation, move focus to the new page so screen-reader users hear it (not on first load).
  if (from.matched.length > 0) void nextTick(() => document.getElementById('main')?.focus());
});
