import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { SuggestionTriageStore, TriagedSuggestion } from '../../linkage/store/suggestion-triage.store';
import { recordActivity, UndoRecipe } from '../advisory-activity';
import { AdvisoryError } from '../advisory.error';
import { AdvisoryStore } from '../drafts/advisory.store';

export const UNDO_WINDOW_SECONDS = 30;

export interface UndoResult {
  action: string;
  subjectType: string;
  subjectId: string;
}

/**
 * Undo of the caller's last action within 30 seconds: triage decisions (one or bulk) and draft
 * edits. It refuses, saying why, when someone changed the same thing since — never overwrites.
 */
@Injectable()
export class UndoService {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = pgPool(dataSource);
  }

  async undoLast(actor: string): Promise<UndoResult> {
    return withTransaction(this.pool, async (client) => {
      // Serialises two undos by the same person (a double click).
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('nixsec.undo:' || $1))`, [actor]);
      // One action writes several entries in one transaction; they share xmin, the inserting
      // transaction's id (unique over a 30-second window), so an action is undone as a whole.
      const latest = await client.query<{ tx: string; action: string }>(
        `SELECT a.xmin::text AS tx, a.action FROM activity_log a
         WHERE a.actor = $1 AND a.at > now() - make_interval(secs => $2) AND a.action <> 'action.undone'
           AND a.xmin::text NOT IN (SELECT u.details ->> 'undoesTx' FROM activity_log u
                                    WHERE u.actor = $1 AND u.action = 'action.undone' AND u.at > now() - make_interval(secs => 2 * $2))
         ORDER BY a.id DESC LIMIT 1`,
        [actor, UNDO_WINDOW_SECONDS],
      );
      const tx = latest.rows[0]?.tx;
      if (!tx) throw new AdvisoryError('BAD_USER_INPUT', `You have done nothing in the last ${UNDO_WINDOW_SECONDS} seconds that can be undone.`);
      const { rows } = await client.query<{ id: string; action: string; subject_type: string; subject_id: string; undo: UndoRecipe }>(
        `SELECT a.id::text, a.action, a.subject_type, a.subject_id, a.details -> 'undo' AS undo FROM activity_log a
         WHERE a.actor = $1 AND a.at > now() - make_interval(secs => $2) AND a.xmin::text = $3 AND a.details ? 'undo'
         ORDER BY a.id DESC LIMIT 1`,
        [actor, UNDO_WINDOW_SECONDS, tx],
      );
      const last = rows[0];
      if (!last) throw new AdvisoryError('BAD_USER_INPUT', `Your last action (${latest.rows[0].action}) cannot be undone here.`);
      await this.apply(client, last.undo);
      await recordActivity(client, { actor, action: 'action.undone', subjectType: last.subject_type as 'advisory', subjectId: last.subject_id, details: { undoes: last.id, undoesTx: tx, action: last.action } });
      return { action: last.action, subjectType: last.subject_type, subjectId: last.subject_id };
    });
  }

  private async apply(client: PoolClient, recipe: UndoRecipe): Promise<void> {
    const triage = new SuggestionTriageStore(client);
    const store = new AdvisoryStore(client);
    switch (recipe.kind) {
      case 'suggestions':
        await this.restoreSuggestions(triage, recipe.snapshots);
        return;
      case 'accept': {
        const row = await store.lock(recipe.advisoryId);
        if (row.version !== recipe.advisoryVersion) throw changedSince(`advisory ${recipe.advisoryId}`);
        await this.restoreSuggestions(triage, recipe.snapshots);
        for (const s of recipe.snapshots) await store.removeCve(recipe.advisoryId, s.cveId);
        if (recipe.created) await store.delete(recipe.advisoryId);
        else await store.bump(recipe.advisoryId);
        return;
      }
      case 'advisory': {
        const row = await store.lock(recipe.advisoryId);
        if (row.version !== recipe.advisoryVersion) throw changedSince(`advisory ${row.publicId ?? row.id}`);
        const { advisory, packages, channels, maintainers } = recipe.before;
        await store.setFields(row.id, advisory);
        await store.replacePackages(row.id, packages);
        await store.setChannels(row.id, channels);
        await store.replaceMaintainers(row.id, maintainers);
        await store.bump(row.id);
        return;
      }
    }
  }

  /** Puts suggestions back as the snapshots were, if nobody touched them since (one version step each). */
  private async restoreSuggestions(triage: SuggestionTriageStore, snapshots: TriagedSuggestion[]): Promise<void> {
    const now = await triage.lock(snapshots.map((s) => s.id));
    for (const snapshot of snapshots) {
      const current = now.find((s) => s.id === snapshot.id);
      if (!current || current.version !== snapshot.version + 1) throw changedSince(`the suggestion for ${snapshot.cveId}`);
    }
    for (const snapshot of snapshots) await triage.restoreSnapshot({ ...snapshot, decidedAt: snapshot.decidedAt ? new Date(snapshot.decidedAt) : null });
  }
}

function changedSince(what: string): AdvisoryError {
  return new AdvisoryError('CONFLICT', `Cannot undo: ${what} was changed again since. Reload and change it back by hand if needed.`);
}
