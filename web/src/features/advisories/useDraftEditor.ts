import { inject, provide, ref, shallowRef, type InjectionKey, type Ref, type ShallowRef } from 'vue';
import { executeGraphQL, GraphQLRequestError } from '../../app/graphql-client';
import { describeFailure } from '../../app/graphql-query';
import { DraftAdvisoryDocument, type AdvisoryFieldsFragment } from '../../gql/graphql';

export interface DraftEditor {
  id: Ref<string>;
  advisory: ShallowRef<AdvisoryFieldsFragment | null | undefined>;
  loading: Ref<boolean>;
  loadError: Ref<string | undefined>;
  /** Counts loads, so forms reset their fields to the advisory after a (re)load but not after other edits. */
  loads: Ref<number>;
  busy: Ref<boolean>;
  /** The last edit's failure (not a conflict). */
  error: Ref<string | undefined>;
  /** Someone else changed the advisory: nothing was saved; the editor must reload. */
  conflict: Ref<string | undefined>;
  /** What the last successful edit did, for a status message. */
  saved: Ref<string | undefined>;
  load(): Promise<void>;
  /**
   * Runs one edit with the version the editor saw and keeps the advisory it answers; returns it,
   * or undefined when the server refused (the error or conflict is set).
   */
  edit<T>(what: string, run: (id: string, version: number) => Promise<T>, answer: (result: T) => AdvisoryFieldsFragment | null): Promise<T | undefined>;
}

const KEY: InjectionKey<DraftEditor> = Symbol('draft-editor');

export function provideDraftEditor(id: Ref<string>): DraftEditor {
  const advisory = shallowRef<AdvisoryFieldsFragment | null>();
  const loading = ref(false);
  const loadError = ref<string>();
  const loads = ref(0);
  const busy = ref(false);
  const error = ref<string>();
  const conflict = ref<string>();
  const saved = ref<string>();

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = undefined;
    try {
      advisory.value = (await executeGraphQL(DraftAdvisoryDocument, { id: id.value })).advisory ?? null;
      conflict.value = undefined;
      error.value = undefined;
      loads.value++;
    } catch (failure) {
      loadError.value = describeFailure(failure);
    } finally {
      loading.value = false;
    }
  }

  async function edit<T>(what: string, run: (id: string, version: number) => Promise<T>, answer: (result: T) => AdvisoryFieldsFragment | null): Promise<T | undefined> {
    const current = advisory.value;
    if (!current || busy.value) return undefined;
    busy.value = true;
    error.value = undefined;
    saved.value = undefined;
    try {
      const result = await run(current.id, current.version);
      const next = answer(result);
      if (next) advisory.value = next;
      saved.value = what;
      return result;
    } catch (failure) {
      // CONFLICT: the draft changed since it was loaded (optimistic locking); the editor offers a reload.
      const message = describeFailure(failure);
      if (failure instanceof GraphQLRequestError && failure.code === 'CONFLICT') conflict.value = message;
      else error.value = message;
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  const editor: DraftEditor = { id, advisory, loading, loadError, loads, busy, error, conflict, saved, load, edit };
  provide(KEY, editor);
  return editor;
}

/** The editor of the draft editor page, for its sections. */
export function useDraftEditor(): DraftEditor {
  const editor = inject(KEY);
  if (!editor) throw new Error('useDraftEditor() outside DraftEditorPage');
  return editor;
}
