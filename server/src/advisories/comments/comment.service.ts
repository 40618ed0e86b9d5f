import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { satisfies } from '../../auth/policy';
import { actorOf, Principal } from '../../auth/principal';
import { pgPool } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { PackageMaintainersReader } from '../../ingestion/evaluations/package-maintainers.reader';
import { SuggestionTriageStore } from '../../linkage/store/suggestion-triage.store';
import { recordActivity } from '../advisory-activity';
import { AdvisoryError } from '../advisory.error';
import { AdvisoryStore } from '../drafts/advisory.store';
import type { CommentRow } from '../graphql/advisory-query.repository';

/**
 * Comments on suggestions and advisories. The security team comments anywhere; a maintainer
 * only where one of their packages is concerned (how they propose edits to the team).
 */
@Injectable()
export class CommentService {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = pgPool(dataSource);
  }

  async add(principal: Principal, subjectType: 'suggestion' | 'advisory', subjectId: number, body: string): Promise<CommentRow> {
    const text = body.trim();
    if (!text) throw new AdvisoryError('BAD_USER_INPUT', 'A comment cannot be empty.');
    if (text.length > 20_000) throw new AdvisoryError('BAD_USER_INPUT', `The comment is ${text.length} characters: keep it under 20,000.`);
    return withTransaction(this.pool, async (client) => {
      const attrs = await this.attrsOf(client, subjectType, subjectId);
      if (!satisfies(principal.roles, 'security-team')) {
        const mine = new Set(await new PackageMaintainersReader(client).attrsMaintainedBy(principal.user.githubId));
        if (!attrs.some((a) => mine.has(a))) {
          throw new AdvisoryError('FORBIDDEN', `You maintain none of the packages of this ${subjectType}: only its maintainers and the security team can comment.`);
        }
      }
      const { rows } = await client.query<CommentRow>(
        `INSERT INTO advisory_comment (subject_type, subject_id, author, body) VALUES ($1, $2, $3, $4)
         RETURNING id, author, body, created_at AS "createdAt"`,
        [subjectType, subjectId, actorOf(principal), text],
      );
      await recordActivity(client, { actor: actorOf(principal), action: `${subjectType}.commented`, subjectType, subjectId, details: { commentId: rows[0].id } });
      return rows[0];
    });
  }

  private async attrsOf(client: PoolClient, subjectType: string, id: number): Promise<string[]> {
    if (subjectType === 'suggestion') {
      const store = new SuggestionTriageStore(client);
      if ((await store.lock([id])).length === 0) throw new AdvisoryError('NOT_FOUND', `There is no suggestion ${id}.`);
      return (await store.packageGroups([id])).flatMap((g) => g.attrs);
    }
    const content = await new AdvisoryStore(client).content(id);
    return content.packages.flatMap((p) => p.attrs);
  }
}
