import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { setCsrfToken } from '../app/graphql-client';
import * as api from '../features/auth/auth-api';
import { can, highestRole, type Requirement, type Role } from '../features/auth/roles';

/**
 * Who is logged in (from GET /auth/me), with their roles, the CSRF token the GraphQL client sends,
 * and which logins the server offers. Loaded once at start-up and after logging in or out.
 */
export const useAuthStore = defineStore('auth', () => {
  const session = shallowRef<api.AuthSession>();
  const error = ref<string>();
  const busy = ref(false);
  /** True once /auth/me answered or failed: until then the header shows neither "Log in" nor a user. */
  const loaded = ref(false);
  let loading: Promise<void> | null = null;

  const user = computed(() => session.value?.user ?? null);
  const roles = computed(() => user.value?.roles ?? null);
  const role = computed(() => (user.value ? highestRole(user.value.roles) : null));
  const loginOptions = computed(() => session.value?.login ?? { github: false, demo: false, demoRoles: [] });

  async function refresh(): Promise<void> {
    try {
      session.value = await api.fetchSession();
      error.value = undefined;
    } catch (failure) {
      error.value = failure instanceof api.AuthRequestError ? failure.message : String(failure);
    }
    setCsrfToken(session.value?.csrfToken ?? null);
    loaded.value = true;
  }

  /** Resolves once the first answer (or failure) is in; the router waits on it for guarded pages. */
  function ready(): Promise<void> {
    loading ??= refresh();
    return loading;
  }

  async function run(action: () => Promise<void>): Promise<boolean> {
    busy.value = true;
    error.value = undefined;
    try {
      await action();
      loading = refresh();
      await loading;
      return true;
    } catch (failure) {
      error.value = failure instanceof api.AuthRequestError ? failure.message : String(failure);
      return false;
    } finally {
      busy.value = false;
    }
  }

  function loginAsDemo(demoRole: Role): Promise<boolean> {
    return run(() => api.demoLogin(demoRole, session.value?.csrfToken ?? null));
  }

  function logout(): Promise<boolean> {
    return run(() => api.logout(session.value?.csrfToken ?? null));
  }

  /** `can('security-team')`: whether the logged-in user may use a control that needs it. */
  function canDo(requirement: Requirement): boolean {
    return can(roles.value, requirement);
  }

  return { session, loaded, user, role, roles, loginOptions, error, busy, ready, refresh, loginAsDemo, logout, can: canDo };
});
