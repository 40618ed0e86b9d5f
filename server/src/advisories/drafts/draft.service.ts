import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { GithubClient } from '../../github/client/github-client';
import { PackageMaintainersReader } from '../../ingestion/evaluations/package-maintainers.reader';
import { SuggestionTriageStore } from '../../linkage/store/suggestion-triage.store';
import { recordActivity } from '../advisory-activity';
import { AdvisoryError } from '../advisory.error';
import { AdvisoryChannel, AdvisoryContent, AdvisoryFields, AdvisoryRow, AdvisoryStore, CHANNEL_STATUSES, ChannelStatus, channelsFromLinks, SEVERITIES, Severity } from './advisory.store';

export type AdvisoryPatch = Partial<AdvisoryFields>;

/**
 * Editing advisories: fields, packages, per-channel status, maintainers to ping, merging drafts
 * and splitting a CVE out. Every edit names the version the editor saw (optimistic locking),
 * bumps it, and is activity-logged with before/after and an undo recipe.
 */
@Injectable()
export class DraftService {
  private readonly pool: Pool;

  constructor(
    dataSource: DataSource,
    private readonly github: GithubClient,
  ) {
    this.pool = pgPool(dataSource);
  }

  async update(actor: string, id: number, version: number, patch: AdvisoryPatch): Promise<number> {
    const fields = validatePatch(patch);
    return this.edit(actor, id, version, 'advisory.edited', async (store, row) => {
      await store.setFields(id, { ...pick(row), ...fields });
      return { fields: Object.keys(fields) };
    });
  }

  async addPackage(actor: string, id: number, version: number, attr: string): Promise<number> {
    return this.edit(actor, id, version, 'advisory.package-added', async (store, _row, client) => {
      const found = (await new PackageMaintainersReader(client).search(attr, 5)).find((a) => a.attr === attr);
      if (!found) throw new AdvisoryError('BAD_USER_INPUT', `No tracked channel ships an attribute "${attr}": search for it with the packageSearch query.`);
      await store.addPackages(id, [{ attr, attrs: [attr], source: 'manual', links: [] }]);
      const maintainers = await new PackageMaintainersReader(client).forAttrs([attr]);
      await store.addMaintainers(id, maintainers.map((m) => ({ githubId: m.githubId, login: m.login, source: 'package', ping: true })));
      const channels = (await store.content(id)).channels;
      const added = found.channels.filter((c) => !channels.some((x) => x.channel === c)).map((channel): AdvisoryChannel => ({ channel, status: 'unknown' }));
      await store.setChannels(id, [...channels, ...added]);
      return { attr, channels: found.channels };
    });
  }

  async removePackage(actor: string, id: number, version: number, attr: string): Promise<number> {
    return this.edit(actor, id, version, 'advisory.package-removed', async (store) => {
      if (!(await store.removePackage(id, attr))) throw new AdvisoryError('BAD_USER_INPUT', `Advisory ${id} has no package "${attr}".`);
      return { attr };
    });
  }

  /** `context` is added to the activity entry (e.g. the pull request behind an automatic change). */
  async setChannelStatus(actor: string, id: number, version: number, channel: string, status: string, context: Record<string, unknown> = {}): Promise<number> {
    if (!(CHANNEL_STATUSES as readonly string[]).includes(status)) {
      throw new AdvisoryError('BAD_USER_INPUT', `"${status}" is not a channel status: use one of ${CHANNEL_STATUSES.join(', ')}.`);
    }
    return this.edit(actor, id, version, 'advisory.channel-status', async (store) => {
      const channels = (await store.content(id)).channels.filter((c) => c.channel !== channel);
      await store.setChannels(id, [...channels, { channel, status: status as ChannelStatus }]);
      return { ...context, channel, status };
    });
  }

  /** Adds a maintainer to ping by GitHub handle, verified (and resolved to a githubId) through GitHub. */
  async addMaintainer(actor: string, id: number, version: number, login: string): Promise<number> {
    const handle = login.trim().replace(/^@/, '');
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(handle)) throw new AdvisoryError('BAD_USER_INPUT', `"${login}" is not a GitHub handle.`);
    const user = await this.github.getUser(handle).catch((err: Error) => {
      throw new AdvisoryError('GITHUB_UNAVAILABLE', `Could not check "${handle}" on GitHub (${err.message}); try again in a minute.`);
    });
    if (!user) throw new AdvisoryError('BAD_USER_INPUT', `GitHub has no user "${handle}": check the spelling.`);
    return this.edit(actor, id, version, 'advisory.maintainer-added', async (store) => {
      await store.addMaintainers(id, [{ githubId: user.id, login: user.login, source: 'manual', ping: true }]);
      return { login: user.login, githubId: user.id };
    });
  }

  async removeMaintainer(actor: string, id: number, version: number, githubId: number): Promise<number> {
    return this.edit(actor, id, version, 'advisory.maintainer-removed', async (store) => {
      if (!(await store.removeMaintainer(id, githubId))) throw new AdvisoryError('BAD_USER_INPUT', `Advisory ${id} has no maintainer with githubId ${githubId}.`);
      return { githubId };
    });
  }

  async setMaintainerPing(actor: string, id: number, version: number, githubId: number, ping: boolean): Promise<number> {
    return this.edit(actor, id, version, 'advisory.maintainer-ping', async (store) => {
      if (!(await store.setMaintainerPing(id, githubId, ping))) throw new AdvisoryError('BAD_USER_INPUT', `Advisory ${id} has no maintainer with githubId ${githubId}.`);
      return { githubId, ping };
    });
  }

  /** Merges drafts into `targetId`: their CVEs, packages, channels (worst status wins) and maintainers; the others are removed. */
  async merge(actor: string, targetId: number, version: number, sourceIds: readonly number[]): Promise<number> {
    const sources = [...new Set(sourceIds)].filter((s) => s !== targetId);
    if (sources.length === 0) throw new AdvisoryError('BAD_USER_INPUT', 'Name at least one other draft to merge into this one.');
    return withTransaction(this.pool, async (client) => {
      const store = new AdvisoryStore(client);
      const triage = new SuggestionTriageStore(client);
      const target = await this.lockDraft(store, targetId, 'merge into it');
      await store.checkVersion(target, version);
      const before = await store.content(targetId);
      const merged: AdvisoryContent[] = [];
      for (const sourceId of sources) {
        await this.lockDraft(store, sourceId, 'merge it');
        const source = await store.content(sourceId);
        merged.push(source);
        for (const s of await triage.lockByAdvisory(sourceId)) await triage.update(s.id, { status: 'accepted', advisoryId: targetId });
        for (const cveId of source.cveIds) await store.removeCve(sourceId, cveId);
        await store.delete(sourceId);
        await store.addCves(targetId, source.cveIds);
        await store.addPackages(targetId, source.packages);
        await store.addMaintainers(targetId, source.maintainers);
        await recordActivity(client, { actor, action: 'advisory.merged-away', subjectType: 'advisory', subjectId: sourceId, after: { into: targetId, cveIds: source.cveIds } });
      }
      await store.setChannels(targetId, worstChannels([before, ...merged].flatMap((c) => c.channels)));
      const newVersion = await store.bump(targetId);
      await recordActivity(client, {
        actor, action: 'advisory.merged', subjectType: 'advisory', subjectId: targetId,
        before: { cveIds: before.cveIds }, after: { cveIds: [...before.cveIds, ...merged.flatMap((m) => m.cveIds)].sort(), merged: sources },
      });
      return newVersion;
    });
  }

  /** Moves one CVE (and the packages only its suggestion brought) out of a draft into a new draft; returns the new draft's id. */
  async split(actor: string, id: number, version: number, cveId: string): Promise<number> {
    return withTransaction(this.pool, async (client) => {
      const store = new AdvisoryStore(client);
      const triage = new SuggestionTriageStore(client);
      const row = await this.lockDraft(store, id, 'split it');
      await store.checkVersion(row, version);
      const content = await store.content(id);
      const cve = cveId.toUpperCase();
      if (!content.cveIds.includes(cve)) throw new AdvisoryError('BAD_USER_INPUT', `Advisory ${id} does not contain ${cve}: it has ${content.cveIds.join(', ')}.`);
      if (content.cveIds.length === 1) throw new AdvisoryError('BAD_USER_INPUT', `${cve} is the only CVE of advisory ${id}: there is nothing to split it from.`);
      const [suggestion] = await triage.lockByCve([cve]);
      const groups = suggestion ? await triage.packageGroups([suggestion.id]) : [];
      const newId = await store.create({ title: `${groups[0]?.displayAttr ? `${groups[0].displayAttr}: ` : ''}${cve}`, description: '', severityOverride: null, references: [`https://nvd.nist.gov/vuln/detail/${cve}`], notes: `Split from advisory ${id}.` }, actor);
      if (suggestion) await triage.update(suggestion.id, { status: 'accepted', advisoryId: newId });
      await store.removeCve(id, cve);
      await store.addCves(newId, [cve]);
      const links = groups.flatMap((g) => g.members);
      await store.addPackages(newId, groups.map((g) => ({ attr: g.displayAttr, attrs: g.attrs, source: 'suggestion', links: g.members })));
      await store.setChannels(newId, channelsFromLinks(links));
      const maintainers = await new PackageMaintainersReader(client).forAttrs([...new Set(groups.flatMap((g) => g.attrs))]);
      await store.addMaintainers(newId, [
        ...maintainers.map((m) => ({ githubId: m.githubId, login: m.login, source: 'package' as const, ping: true })),
        ...content.maintainers.filter((m) => m.source === 'manual'),
      ]);
      await store.bump(newId);
      await store.bump(id);
      await recordActivity(client, { actor, action: 'advisory.split', subjectType: 'advisory', subjectId: id, before: { cveIds: content.cveIds }, after: { cveIds: content.cveIds.filter((c) => c !== cve), splitInto: newId } });
      await recordActivity(client, { actor, action: 'advisory.created', subjectType: 'advisory', subjectId: newId, after: { cveIds: [cve], splitFrom: id } });
      return newId;
    });
  }

  /** Discards a draft: its suggestions go back to the queue as pending. */
  async discard(actor: string, id: number, version: number): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      const store = new AdvisoryStore(client);
      const row = await this.lockDraft(store, id, 'discard it');
      await store.checkVersion(row, version);
      const content = await store.content(id);
      await this.discardLocked(client, id);
      await recordActivity(client, { actor, action: 'advisory.discarded', subjectType: 'advisory', subjectId: id, before: { title: row.title, cveIds: content.cveIds } });
    });
  }

  /** Returns the draft's suggestions to pending and deletes it (caller holds the lock). */
  async discardLocked(client: PoolClient, id: number): Promise<void> {
    const triage = new SuggestionTriageStore(client);
    for (const s of await triage.lockByAdvisory(id)) await triage.update(s.id, { status: 'pending' });
    await new AdvisoryStore(client).delete(id);
  }

  private async edit(
    actor: string,
    id: number,
    version: number,
    action: string,
    change: (store: AdvisoryStore, row: AdvisoryRow, client: PoolClient) => Promise<Record<string, unknown>>,
  ): Promise<number> {
    return withTransaction(this.pool, async (client) => {
      const store = new AdvisoryStore(client);
      const row = await store.lock(id);
      await store.checkVersion(row, version);
      const before = await store.content(id);
      const details = await change(store, row, client);
      const newVersion = await store.bump(id);
      const after = await store.content(id);
      await recordActivity(client, {
        actor, action, subjectType: 'advisory', subjectId: id, details,
        before: summary(before), after: summary(after),
        undo: { kind: 'advisory', advisoryId: id, advisoryVersion: newVersion, before },
      });
      return newVersion;
    });
  }

  private async lockDraft(store: AdvisoryStore, id: number, what: string): Promise<AdvisoryRow> {
    const row = await store.lock(id);
    if (row.state !== 'draft') throw new AdvisoryError('ILLEGAL_TRANSITION', `Advisory ${row.publicId ?? id} is ${row.state}: only a draft can ${what}.`);
    return row;
  }
}

const WORST: ChannelStatus[] = ['affected', 'unknown', 'fixed', 'not-affected'];

function worstChannels(channels: AdvisoryChannel[]): AdvisoryChannel[] {
  const out = new Map<string, ChannelStatus>();
  for (const c of channels) {
    const seen = out.get(c.channel);
    if (!seen || WORST.indexOf(c.status) < WORST.indexOf(seen)) out.set(c.channel, c.status);
  }
  return [...out].map(([channel, status]) => ({ channel, status })).sort((a, b) => a.channel.localeCompare(b.channel));
}

function pick(row: AdvisoryRow): AdvisoryFields {
  return { title: row.title, description: row.description, severityOverride: row.severityOverride, references: row.references, notes: row.notes };
}

/** What the activity log shows of a change (the full content is kept in the undo recipe). */
function summary(c: AdvisoryContent) {
  return {
    ...pick(c.advisory),
    packages: c.packages.map((p) => p.attr),
    channels: Object.fromEntries(c.channels.map((x) => [x.channel, x.status])),
    maintainers: c.maintainers.map((m) => `${m.login}${m.ping ? '' : ' (no ping)'}`),
  };
}

function validatePatch(patch: AdvisoryPatch): AdvisoryPatch {
  const out: AdvisoryPatch = {};
  if (patch.title != null) {
    if (!patch.title.trim()) throw new AdvisoryError('BAD_USER_INPUT', 'The title cannot be empty.');
    if (patch.title.length > 300) throw new AdvisoryError('BAD_USER_INPUT', `The title is ${patch.title.length} characters: keep it under 300.`);
    out.title = patch.title.trim();
  }
  if (patch.description != null) out.description = patch.description;
  if (patch.notes != null) out.notes = patch.notes;
  if (patch.severityOverride !== undefined) {
    if (patch.severityOverride !== null && !(SEVERITIES as readonly string[]).includes(patch.severityOverride)) {
      throw new AdvisoryError('BAD_USER_INPUT', `"${patch.severityOverride}" is not a severity: use one of ${SEVERITIES.join(', ')}, or null for the CVSS one.`);
    }
    out.severityOverride = patch.severityOverride as Severity | null;
  }
  if (patch.references != null) {
    for (const url of patch.references) {
      if (!/^https?:\/\/\S+$/.test(url)) throw new AdvisoryError('BAD_USER_INPUT', `Reference "${url}" is not an http(s) URL.`);
    }
    out.references = [...new Set(patch.references)];
  }
  return out;
}
