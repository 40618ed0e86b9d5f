import { Audience, linkFor, listAttrs, NotifiableEvent, planNotifications, SubscriptionTarget, Switches } from './notification-plan';

// thillux (2171995) maintains openssl in the fixtures; the other ids are made up.
const THILLUX = 2171995;
const MIA = 7101;
const FOLLOWER = 9001;

const suggestion: NotifiableEvent = {
  kind: 'suggestion.new', subjectType: 'suggestion', subjectId: '42', name: 'CVE-2024-9143', title: null,
  attrs: ['openssl', 'openssl_3'], displayAttrs: ['openssl'], channels: ['nixos-unstable'],
};
const advisory: NotifiableEvent = {
  kind: 'advisory.published', subjectType: 'advisory', subjectId: '7', name: 'NIXPKGS-2025-0001', title: 'openssl: low-level GF(2^m) APIs may read out of bounds',
  attrs: ['openssl'], displayAttrs: ['openssl'], channels: ['nixos-unstable'],
};

function audience(subscriptions: SubscriptionTarget[] = [], switches: Array<[number, Switches]> = []): Audience {
  return { maintainers: new Map([['openssl', [THILLUX]], ['mia-tool', [MIA]]]), subscriptions, switches: new Map(switches) };
}

describe('planNotifications', () => {
  it('notifies the maintainers of the packages an event touches, and no one else', () => {
    const planned = planNotifications([suggestion, advisory], audience());
    expect(planned).toEqual([
      {
        githubId: THILLUX, kind: 'suggestion.new', subjectType: 'suggestion', subjectId: '42', link: '/suggestions?cve=CVE-2024-9143', dedupeKey: 'suggestion.new:42',
        message: 'New suggestion: CVE-2024-9143 may affect openssl (you maintain openssl).',
      },
      {
        githubId: THILLUX, kind: 'advisory.published', subjectType: 'advisory', subjectId: '7', link: '/advisories/NIXPKGS-2025-0001', dedupeKey: 'advisory.published:7',
        message: 'Advisory NIXPKGS-2025-0001 published for openssl: openssl: low-level GF(2^m) APIs may read out of bounds (you maintain openssl).',
      },
    ]);
  });

  it.each<[string, SubscriptionTarget[], Array<[number, Switches]>, Array<[number, string]>]>([
    ['a package subscription', [{ githubId: FOLLOWER, targetType: 'package', target: 'openssl_3' }], [], [[THILLUX, 'you maintain openssl'], [FOLLOWER, 'you follow openssl_3']]],
    ['a channel subscription', [{ githubId: FOLLOWER, targetType: 'channel', target: 'nixos-unstable' }], [], [[THILLUX, 'you maintain openssl'], [FOLLOWER, 'you follow the channel nixos-unstable']]],
    ['another channel', [{ githubId: FOLLOWER, targetType: 'channel', target: 'nixos-24.11' }], [], [[THILLUX, 'you maintain openssl']]],
    ['a package of the same name as a channel', [{ githubId: FOLLOWER, targetType: 'package', target: 'nixos-unstable' }], [], [[THILLUX, 'you maintain openssl']]],
    [
      'both package and channel: one notification, the package named',
      [{ githubId: FOLLOWER, targetType: 'channel', target: 'nixos-unstable' }, { githubId: FOLLOWER, targetType: 'package', target: 'openssl' }],
      [],
      [[THILLUX, 'you maintain openssl'], [FOLLOWER, 'you follow openssl']],
    ],
    ['a maintainer who also follows: one notification, as maintainer', [{ githubId: THILLUX, targetType: 'package', target: 'openssl' }], [], [[THILLUX, 'you maintain openssl']]],
    ['maintained packages switched off', [], [[THILLUX, { maintainedPackages: false, subscriptions: true }]], []],
    [
      'maintained packages off, but following: notified as a follower',
      [{ githubId: THILLUX, targetType: 'channel', target: 'nixos-unstable' }],
      [[THILLUX, { maintainedPackages: false, subscriptions: true }]],
      [[THILLUX, 'you follow the channel nixos-unstable']],
    ],
    [
      'subscriptions switched off',
      [{ githubId: FOLLOWER, targetType: 'package', target: 'openssl' }],
      [[FOLLOWER, { maintainedPackages: true, subscriptions: false }]],
      [[THILLUX, 'you maintain openssl']],
    ],
  ])('%s', (_name, subscriptions, switches, expected) => {
    const planned = planNotifications([suggestion], audience(subscriptions, switches));
    expect(planned.map((n) => [n.githubId, /\(([^)]*)\)\.$/.exec(n.message)?.[1]])).toEqual(expected);
  });

  it('gives every user one dedupe key per event, so a re-run inserts nothing twice', () => {
    const planned = planNotifications([suggestion, suggestion], audience([{ githubId: FOLLOWER, targetType: 'package', target: 'openssl' }]));
    expect(new Set(planned.map((n) => `${n.githubId}/${n.dedupeKey}`)).size).toBe(2);
  });

  it('notifies no one about an event touching no followed or maintained package', () => {
    expect(planNotifications([{ ...suggestion, attrs: ['curl'], displayAttrs: ['curl'], channels: [] }], audience())).toEqual([]);
  });
});

describe('planNotifications: a fix reaching a channel', () => {
  const WATCHER = 9100;
  const fix = (channel: string, pr: number): NotifiableEvent => ({
    ...advisory, kind: 'advisory.fix-landed', channels: [channel], fix: { channel, repository: 'NixOS/nixpkgs', pr }, watchers: [WATCHER, THILLUX],
  });

  it("tells the advisory's maintainers first, then package maintainers and followers of the package or of that channel only", () => {
    const follows: SubscriptionTarget[] = [
      { githubId: FOLLOWER, targetType: 'channel', target: 'nixos-unstable' },
      { githubId: MIA, targetType: 'channel', target: 'nixos-24.11' },
    ];
    const planned = planNotifications([fix('nixos-unstable', 345678)], audience(follows));
    const lead = 'The fix for NIXPKGS-2025-0001 (openssl) reached nixos-unstable: NixOS/nixpkgs#345678';
    expect(planned.map((n) => [n.githubId, n.message])).toEqual([
      [WATCHER, `${lead} (you are a maintainer named on the advisory).`],
      [THILLUX, `${lead} (you are a maintainer named on the advisory).`],
      [FOLLOWER, `${lead} (you follow the channel nixos-unstable).`],
    ]);
    expect(planned[0]).toMatchObject({ kind: 'advisory.fix-landed', subjectType: 'advisory', subjectId: '7', link: '/advisories/NIXPKGS-2025-0001', dedupeKey: 'advisory.fix-landed:7:nixos-unstable' });
  });

  it('is one notification per advisory and channel (the dedupe key names the channel, not the PR); switches apply', () => {
    const [a] = planNotifications([fix('nixos-unstable', 1)], audience());
    const [b] = planNotifications([fix('nixos-unstable', 2)], audience());
    const [c] = planNotifications([fix('nixos-24.11', 1)], audience());
    expect(a.dedupeKey).toBe(b.dedupeKey);
    expect(c.dedupeKey).not.toBe(a.dedupeKey);
    const off = planNotifications([fix('nixos-unstable', 1)], audience([], [[WATCHER, { maintainedPackages: false, subscriptions: true }]]));
    expect(off.map((n) => n.githubId)).toEqual([THILLUX]);
  });

  it('names the evaluation when evaluation evidence showed the fix, under the same dedupe key as a PR', () => {
    const byEvaluation: NotifiableEvent = { ...fix('nixos-unstable', 1), fix: { channel: 'nixos-unstable', evaluationId: 42, attr: 'openssl', version: '3.5.1' } };
    const [planned] = planNotifications([byEvaluation], audience());
    expect(planned.message).toBe('The fix for NIXPKGS-2025-0001 (openssl) reached nixos-unstable: its evaluation 42 ships openssl 3.5.1 (you are a maintainer named on the advisory).');
    expect(planned.dedupeKey).toBe(planNotifications([fix('nixos-unstable', 345678)], audience())[0].dedupeKey);
  });
});

describe('listAttrs and linkFor', () => {
  it.each([
    [[], 'no package'],
    [['openssl'], 'openssl'],
    [['openssl', 'curl'], 'openssl and curl'],
    [['openssl', 'curl', 'libssh2'], 'openssl, curl and libssh2'],
    [['a', 'b', 'c', 'd', 'e'], 'a, b, c and 2 more'],
  ])('%j → %s', (attrs, text) => expect(listAttrs(attrs)).toBe(text));

  it('links to the triage queue filtered by CVE, or to the advisory page', () => {
    expect(linkFor({ kind: 'suggestion.new', name: 'CVE-2024-9143' })).toBe('/suggestions?cve=CVE-2024-9143');
    expect(linkFor({ kind: 'advisory.published', name: 'NIXPKGS-2025-0001' })).toBe('/advisories/NIXPKGS-2025-0001');
  });
});
