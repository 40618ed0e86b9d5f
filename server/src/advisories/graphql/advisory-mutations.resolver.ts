import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { actorOf, Principal } from '../../auth/principal';
import { CurrentPrincipal, RequireRole } from '../../auth/require-role.decorator';
import { AdvisoryError } from '../advisory.error';
import { CommentService } from '../comments/comment.service';
import { AdvisoryContent } from '../drafts/advisory.store';
import { AdvisoryPatch, DraftService } from '../drafts/draft.service';
import { PublishService } from '../publish/publish.service';
import { TriageService } from '../triage/triage.service';
import { UndoService } from '../undo/undo.service';
import { Advisory, AdvisoryInput, CommentModel, TriageResult, UndoResultModel } from './advisory.model';
import { AdvisoryQueryRepository } from './advisory-query.repository';
import { advisoryId, toAdvisory } from './advisories.resolver';
import { commentModel } from './suggestion-comments.resolver';

const ids = (values: string[]) =>
  values.map((v) => {
    if (!/^\d{1,9}$/.test(v)) throw new AdvisoryError('BAD_USER_INPUT', `"${v}" is not a suggestion id: the suggestions query lists them.`);
    return Number(v);
  });

/** Every change of the triage workflow. Triage, edit and publish need the security team; comments and undo are checked in their services. */
@Resolver()
export class AdvisoryMutationsResolver {
  constructor(
    private readonly triage: TriageService,
    private readonly drafts: DraftService,
    private readonly publishing: PublishService,
    private readonly undo: UndoService,
    private readonly comments: CommentService,
    private readonly queries: AdvisoryQueryRepository,
  ) {}

  @Mutation(() => TriageResult, { description: 'Dismisses pending suggestions with one reason (not-for-us, not-affected, duplicate, wont-fix, other + comment).' })
  @RequireRole('security-team')
  async dismissSuggestions(
    @CurrentPrincipal() p: Principal,
    @Args('ids', { type: () => [ID] }) suggestionIds: string[],
    @Args('reason') reason: string,
    @Args('comment', { type: () => String, nullable: true }) comment: string | null,
  ): Promise<TriageResult> {
    return asResult(await this.triage.dismiss(actorOf(p), ids(suggestionIds), reason, comment));
  }

  @Mutation(() => TriageResult, { description: 'Puts dismissed suggestions back in the queue.' })
  @RequireRole('security-team')
  async restoreSuggestions(@CurrentPrincipal() p: Principal, @Args('ids', { type: () => [ID] }) suggestionIds: string[]): Promise<TriageResult> {
    return asResult(await this.triage.restore(actorOf(p), ids(suggestionIds)));
  }

  @Mutation(() => Advisory, { description: 'Accepts suggestions into a new draft, or into the draft intoAdvisoryId (several CVEs in one advisory).' })
  @RequireRole('security-team')
  async acceptSuggestions(
    @CurrentPrincipal() p: Principal,
    @Args('ids', { type: () => [ID] }) suggestionIds: string[],
    @Args('intoAdvisoryId', { type: () => ID, nullable: true }) into: string | null,
    @Args('version', { type: () => Int, nullable: true, description: "the draft's version, with intoAdvisoryId" }) version: number | null,
  ): Promise<Advisory> {
    return this.advisory(await this.triage.accept(actorOf(p), ids(suggestionIds), into ? advisoryId(into) : null, version));
  }

  @Mutation(() => Advisory)
  @RequireRole('security-team')
  async updateAdvisory(@CurrentPrincipal() p: Principal, @Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number, @Args('input') input: AdvisoryInput): Promise<Advisory> {
    const patch: AdvisoryPatch = {
      title: input.title ?? undefined,
      description: input.description ?? undefined,
      references: input.references ?? undefined,
      notes: input.notes ?? undefined,
      ...(input.severityOverride === undefined || input.severityOverride === null ? {} : { severityOverride: (input.severityOverride || null) as AdvisoryPatch['severityOverride'] }),
    };
    await this.drafts.update(actorOf(p), advisoryId(id), version, patch);
    return this.advisory(advisoryId(id));
  }

  @Mutation(() => Advisory, { description: 'Adds a package by attribute (one that a tracked channel ships); its maintainers are added to ping.' })
  @RequireRole('security-team')
  async addAdvisoryPackage(@CurrentPrincipal() p: Principal, @Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number, @Args('attr') attr: string): Promise<Advisory> {
    await this.drafts.addPackage(actorOf(p), advisoryId(id), version, attr);
    return this.advisory(advisoryId(id));
  }

  @Mutation(() => Advisory)
  @RequireRole('security-team')
  async removeAdvisoryPackage(@CurrentPrincipal() p: Principal, @Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number, @Args('attr') attr: string): Promise<Advisory> {
    await this.drafts.removePackage(actorOf(p), advisoryId(id), version, attr);
    return this.advisory(advisoryId(id));
  }

  @Mutation(() => Advisory, { description: 'Sets one channel to affected, fixed, not-affected or unknown.' })
  @RequireRole('security-team')
  async setAdvisoryChannelStatus(
    @CurrentPrincipal() p: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('channel') channel: string,
    @Args('status') status: string,
  ): Promise<Advisory> {
    await this.drafts.setChannelStatus(actorOf(p), advisoryId(id), version, channel, status);
    return this.advisory(advisoryId(id));
  }

  @Mutation(() => Advisory, { description: 'Adds a maintainer to ping by GitHub handle (checked on GitHub).' })
  @RequireRole('security-team')
  async addAdvisoryMaintainer(@CurrentPrincipal() p: Principal, @Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number, @Args('login') login: string): Promise<Advisory> {
    await this.drafts.addMaintainer(actorOf(p), advisoryId(id), version, login);
    return this.advisory(advisoryId(id));
  }

  @Mutation(() => Advisory)
  @RequireRole('security-team')
  async removeAdvisoryMaintainer(@CurrentPrincipal() p: Principal, @Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number, @Args('githubId', { type: () => Int }) githubId: number): Promise<Advisory> {
    await this.drafts.removeMaintainer(actorOf(p), advisoryId(id), version, githubId);
    return this.advisory(advisoryId(id));
  }

  @Mutation(() => Advisory, { description: 'Whether the GitHub issue mentions (pings) this maintainer.' })
  @RequireRole('security-team')
  async setAdvisoryMaintainerPing(
    @CurrentPrincipal() p: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('githubId', { type: () => Int }) githubId: number,
    @Args('ping') ping: boolean,
  ): Promise<Advisory> {
    await this.drafts.setMaintainerPing(actorOf(p), advisoryId(id), version, githubId, ping);
    return this.advisory(advisoryId(id));
  }

  @Mutation(() => Advisory, { description: 'Merges other drafts into this one (their CVEs, packages and maintainers); the others disappear.' })
  @RequireRole('security-team')
  async mergeAdvisories(@CurrentPrincipal() p: Principal, @Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number, @Args('otherIds', { type: () => [ID] }) others: string[]): Promise<Advisory> {
    await this.drafts.merge(actorOf(p), advisoryId(id), version, others.map(advisoryId));
    return this.advisory(advisoryId(id));
  }

  @Mutation(() => Advisory, { description: 'Moves one CVE out of a draft into a new draft, which is returned.' })
  @RequireRole('security-team')
  async splitAdvisory(@CurrentPrincipal() p: Principal, @Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number, @Args('cveId') cveId: string): Promise<Advisory> {
    return this.advisory(await this.drafts.split(actorOf(p), advisoryId(id), version, cveId));
  }

  @Mutation(() => Boolean, { description: 'Discards a draft; its suggestions go back to the queue.' })
  @RequireRole('security-team')
  async discardDraft(@CurrentPrincipal() p: Principal, @Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number): Promise<boolean> {
    await this.drafts.discard(actorOf(p), advisoryId(id), version);
    return true;
  }

  @Mutation(() => Advisory, { description: 'Publishes a draft as a GitHub issue. Safe to retry: never creates a second issue.' })
  @RequireRole('security-team')
  async publishAdvisory(@CurrentPrincipal() p: Principal, @Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number): Promise<Advisory> {
    return fromContent(await this.publishing.publish(actorOf(p), advisoryId(id), version));
  }

  @Mutation(() => Advisory, { description: "Rewrites a published advisory's GitHub issue from its current content." })
  @RequireRole('security-team')
  async syncAdvisoryIssue(@CurrentPrincipal() p: Principal, @Args('id', { type: () => ID }) id: string): Promise<Advisory> {
    return fromContent(await this.publishing.syncIssue(actorOf(p), advisoryId(id)));
  }

  @Mutation(() => CommentModel, { description: 'Comments on a suggestion or advisory (maintainers of its packages and the security team). Returns the comment as stored.' })
  @RequireRole('maintainer')
  async postComment(
    @CurrentPrincipal() p: Principal,
    @Args('subjectType', { description: 'suggestion or advisory' }) subjectType: string,
    @Args('subjectId', { type: () => ID }) subjectId: string,
    @Args('body') body: string,
  ): Promise<CommentModel> {
    return commentModel(await this.postAs(p, subjectType, subjectId, body));
  }

  @Mutation(() => ID, { deprecationReason: 'Use postComment, which returns the comment.', description: 'Comments on a suggestion or advisory. Returns the comment id.' })
  @RequireRole('maintainer')
  async addComment(
    @CurrentPrincipal() p: Principal,
    @Args('subjectType', { description: 'suggestion or advisory' }) subjectType: string,
    @Args('subjectId', { type: () => ID }) subjectId: string,
    @Args('body') body: string,
  ): Promise<string> {
    return String((await this.postAs(p, subjectType, subjectId, body)).id);
  }

  @Mutation(() => UndoResultModel, { description: 'Undoes your last triage decision or draft edit, within 30 seconds.' })
  @RequireRole('security-team')
  undoLastAction(@CurrentPrincipal() p: Principal): Promise<UndoResultModel> {
    return this.undo.undoLast(actorOf(p));
  }

  private postAs(p: Principal, subjectType: string, subjectId: string, body: string) {
    const subject = commentSubject(subjectType);
    return this.comments.add(p, subject, subject === 'advisory' ? advisoryId(subjectId) : ids([subjectId])[0], body);
  }

  private async advisory(id: number): Promise<Advisory> {
    const row = await this.queries.byId(id);
    if (!row) throw new AdvisoryError('NOT_FOUND', `Advisory ${id} no longer exists.`);
    return toAdvisory(row);
  }
}

function fromContent(content: AdvisoryContent): Advisory {
  return toAdvisory(content.advisory);
}

function asResult(r: { changed: number[]; skipped: { id: number; message: string }[] }): TriageResult {
  return { changed: r.changed.map(String), skipped: r.skipped.map((s) => ({ id: String(s.id), message: s.message })) };
}

function commentSubject(subjectType: string): 'suggestion' | 'advisory' {
  if (subjectType !== 'suggestion' && subjectType !== 'advisory') throw new AdvisoryError('BAD_USER_INPUT', `subjectType must be suggestion or advisory, not "${subjectType}".`);
  return subjectType;
}
