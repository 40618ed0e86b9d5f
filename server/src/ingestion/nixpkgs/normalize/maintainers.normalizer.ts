import type { NormalizedMaintainer } from '../normalized-derivation';
import { isJsonObject, stringOrNull, unique } from './raw-json';

/**
 * meta.maintainers followed by the members of meta.teams, each person once. Two entries are one
 * person when both have the same githubId; failing an id on either side, the same GitHub handle
 * (case-insensitive, as GitHub's are). Handles are renamed and reused, ids are not: two different
 * ids are two people even under one handle. A repeated person keeps the first entry, completed
 * with fields only the later one has.
 */
export function normalizeMaintainers(maintainers: unknown, teams: unknown): NormalizedMaintainer[] {
  const teamMembers = listOf(teams).flatMap((team) => (isJsonObject(team) ? listOf(team.members) : []));
  const people = new People();
  for (const raw of [...listOf(maintainers), ...teamMembers]) {
    const maintainer = normalizeMaintainer(raw);
    if (maintainer) people.add(maintainer);
  }
  return people.list;
}

export function normalizeTeams(teams: unknown): string[] {
  return unique(listOf(teams).flatMap((team) => (isJsonObject(team) && typeof team.shortName === 'string' ? [team.shortName] : [])));
}

class People {
  readonly list: NormalizedMaintainer[] = [];
  private readonly byId = new Map<number, NormalizedMaintainer>();
  private readonly byHandle = new Map<string, NormalizedMaintainer>();
  private readonly anonymous = new Set<string>();

  add(maintainer: NormalizedMaintainer): void {
    const known = this.find(maintainer);
    if (known) {
      known.githubId ??= maintainer.githubId;
      known.github ??= maintainer.github;
      known.name ??= maintainer.name;
      known.email ??= maintainer.email;
      this.index(known);
      return;
    }
    if (maintainer.githubId === null && maintainer.github === null) {
      // Without id or handle only an identical entry is the same person.
      const key = JSON.stringify([maintainer.name, maintainer.email]);
      if (this.anonymous.has(key)) return;
      this.anonymous.add(key);
    }
    this.list.push(maintainer);
    this.index(maintainer);
  }

  private find(maintainer: NormalizedMaintainer): NormalizedMaintainer | undefined {
    const byId = maintainer.githubId === null ? undefined : this.byId.get(maintainer.githubId);
    if (byId) return byId;
    const byHandle = maintainer.github === null ? undefined : this.byHandle.get(maintainer.github.toLowerCase());
    return byHandle && (byHandle.githubId === null || maintainer.githubId === null) ? byHandle : undefined;
  }

  private index(maintainer: NormalizedMaintainer): void {
    if (maintainer.githubId !== null && !this.byId.has(maintainer.githubId)) this.byId.set(maintainer.githubId, maintainer);
    const handle = maintainer.github?.toLowerCase();
    if (handle !== undefined && !this.byHandle.has(handle)) this.byHandle.set(handle, maintainer);
  }
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function normalizeMaintainer(raw: unknown): NormalizedMaintainer | null {
  if (!isJsonObject(raw)) return null;
  const maintainer = {
    githubId: githubIdOf(raw.githubId),
    github: stringOrNull(raw.github),
    name: stringOrNull(raw.name),
    email: stringOrNull(raw.email),
  };
  return Object.values(maintainer).every((field) => field === null) ? null : maintainer;
}

function githubIdOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null;
  return typeof value === 'string' && /^[1-9]\d{0,14}$/.test(value) ? Number(value) : null;
}
