/**
 * Who hears about what, as plain functions: the fan-out (notification-fanout.ts) reads events and
 * the audience from the database, this decides the notifications, the store writes them.
 */

export type NotificationKind = 'suggestion.new' | 'advisory.published' | 'advisory.fix-landed';

/**
 * Where a fix of a published advisory arrived (PR tracking): a linked pull request reached one of
 * its channels, or the channel's evaluation ships the package at a version none of its CVEs affects.
 */
export type FixLanded = { channel: string } & ({ repository: string; pr: number } | { evaluationId: number; attr: string; version: string });

/** Something people may want to hear about: a new suggestion, a published advisory, or its fix reaching a channel. */
export interface NotifiableEvent {
  kind: NotificationKind;
  subjectType: 'suggestion' | 'advisory';
  /** The suggestion's or advisory's id (the dedupe key is built from it). */
  subjectId: string;
  /** CVE id of a suggestion, public id (NIXPKGS-YYYY-NNNN) of an advisory. */
  name: string;
  /** The advisory's title; null for suggestions. */
  title: string | null;
  /** Every attribute the event concerns (what maintainers and package subscriptions are matched on). */
  attrs: string[];
  /** The attributes to name in the message (one per package group), most relevant first. */
  displayAttrs: string[];
  /** Channels shipping an affected (or not yet known) version; for a fix, the channel it reached. */
  channels: string[];
  /** advisory.fix-landed only: where the fix arrived. */
  fix?: FixLanded;
  /** GitHub ids of the people the advisory names as its maintainers (pinged on the issue): they hear about its fixes first. */
  watchers?: readonly number[];
}

export interface SubscriptionTarget {
  githubId: number;
  targetType: 'package' | 'channel';
  target: string;
}

export interface Switches {
  maintainedPackages: boolean;
  subscriptions: boolean;
}

export const DEFAULT_SWITCHES: Switches = { maintainedPackages: true, subscriptions: true };

export interface Audience {
  /** attr → githubIds of its current maintainers. */
  maintainers: ReadonlyMap<string, readonly number[]>;
  subscriptions: readonly SubscriptionTarget[];
  /** Users without a row have the defaults (everything on). */
  switches: ReadonlyMap<number, Switches>;
}

export interface PlannedNotification {
  githubId: number;
  kind: NotificationKind;
  subjectType: string;
  subjectId: string;
  message: string;
  link: string;
  dedupeKey: string;
}

type Reason = { via: 'watcher' } | { via: 'maintainer'; attr: string } | { via: 'package'; attr: string } | { via: 'channel'; channel: string };

/** One notification per (user, event) at most, for the first reason the user's switches allow: maintaining beats following. */
export function planNotifications(events: readonly NotifiableEvent[], audience: Audience): PlannedNotification[] {
  const planned: PlannedNotification[] = [];
  for (const event of events) {
    for (const [githubId, reason] of reasonsFor(event, audience)) {
      planned.push({
        githubId,
        kind: event.kind,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        message: messageFor(event, reason),
        link: linkFor(event),
        dedupeKey: dedupeKeyOf(event),
      });
    }
  }
  return planned;
}

/** Once per user and event; a fix once per advisory and channel, whichever PR (or evaluation) brought it. */
export function dedupeKeyOf(event: Pick<NotifiableEvent, 'kind' | 'subjectId' | 'fix'>): string {
  return event.fix ? `${event.kind}:${event.subjectId}:${event.fix.channel}` : `${event.kind}:${event.subjectId}`;
}

function reasonsFor(event: NotifiableEvent, audience: Audience): Map<number, Reason> {
  const switches = (githubId: number) => audience.switches.get(githubId) ?? DEFAULT_SWITCHES;
  const reasons = new Map<number, Reason>();
  // The advisory's own maintainers (a maintainers' switch, like maintaining its packages).
  for (const githubId of event.watchers ?? []) {
    if (!reasons.has(githubId) && switches(githubId).maintainedPackages) reasons.set(githubId, { via: 'watcher' });
  }
  // Attributes in display order first, so the reason names the package the message leads with.
  const attrs = [...new Set([...event.displayAttrs, ...event.attrs])];
  for (const attr of attrs) {
    for (const githubId of audience.maintainers.get(attr) ?? []) {
      if (!reasons.has(githubId) && switches(githubId).maintainedPackages) reasons.set(githubId, { via: 'maintainer', attr });
    }
  }
  const attrSet = new Set(attrs);
  const channelSet = new Set(event.channels);
  const follows = audience.subscriptions.filter((s) => (s.targetType === 'package' ? attrSet.has(s.target) : channelSet.has(s.target)));
  // Package subscriptions are more specific than channel ones: they give the reason when both apply.
  follows.sort((a, b) => (a.targetType === b.targetType ? 0 : a.targetType === 'package' ? -1 : 1));
  for (const s of follows) {
    if (reasons.has(s.githubId) || !switches(s.githubId).subscriptions) continue;
    reasons.set(s.githubId, s.targetType === 'package' ? { via: 'package', attr: s.target } : { via: 'channel', channel: s.target });
  }
  return reasons;
}

export function linkFor(event: Pick<NotifiableEvent, 'kind' | 'name'>): string {
  return event.kind === 'suggestion.new' ? `/suggestions?cve=${encodeURIComponent(event.name)}` : `/advisories/${encodeURIComponent(event.name)}`;
}

/** "openssl", "openssl, curl and libssh2", "a, b, c and 4 more" */
export function listAttrs(attrs: readonly string[], max = 3): string {
  if (attrs.length === 0) return 'no package';
  if (attrs.length === 1) return attrs[0];
  if (attrs.length <= max) return `${attrs.slice(0, -1).join(', ')} and ${attrs[attrs.length - 1]}`;
  return `${attrs.slice(0, max).join(', ')} and ${attrs.length - max} more`;
}

export function messageFor(event: NotifiableEvent, reason: Reason): string {
  const packages = listAttrs(event.displayAttrs.length > 0 ? event.displayAttrs : event.attrs);
  const lead =
    event.kind === 'suggestion.new'
      ? `New suggestion: ${event.name} may affect ${packages}`
      : event.fix
        ? `The fix for ${event.name} (${packages}) reached ${event.fix.channel}: ${'pr' in event.fix ? `${event.fix.repository}#${event.fix.pr}` : `its evaluation ${event.fix.evaluationId} ships ${event.fix.attr} ${event.fix.version}`}`
        : `Advisory ${event.name} published for ${packages}${event.title ? `: ${event.title}` : ''}`;
  const why =
    reason.via === 'watcher'
      ? 'you are a maintainer named on the advisory'
      : reason.via === 'maintainer'
        ? `you maintain ${reason.attr}`
        : reason.via === 'package'
          ? `you follow ${reason.attr}`
          : `you follow the channel ${reason.channel}`;
  return `${lead} (${why}).`;
}
