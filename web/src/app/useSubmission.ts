import { ref, type Ref } from 'vue';
import { describeFailure } from './graphql-query';

export interface Submission {
  pending: Ref<boolean>;
  /** A message for the user when the last action failed. */
  error: Ref<string | undefined>;
  /** Runs `action` unless one is still running; resolves whether it succeeded (its failure is in `error`). */
  run: (action: () => Promise<void>) => Promise<boolean>;
}

/** The state of one user action that sends something to the server: a form, a button. */
export function useSubmission(): Submission {
  const pending = ref(false);
  const error = ref<string>();

  async function run(action: () => Promise<void>): Promise<boolean> {
    if (pending.value) return false;
    pending.value = true;
    error.value = undefined;
    try {
      await action();
      return true;
    } catch (failure) {
      error.value = describeFailure(failure);
      return false;
    } finally {
      pending.value = false;
    }
  }

  return { pending, error, run };
}
