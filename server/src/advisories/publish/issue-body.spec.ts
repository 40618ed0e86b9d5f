import type { AdvisoryContent } from '../drafts/advisory.store';
import { issueBody, issueMarker, issueTitle } from './issue-body';

const content = (over: Partial<AdvisoryContent['advisory']> = {}): AdvisoryContent => ({
  advisory: {
    id: 1, publicId: 'NIXPKGS-2026-0007', state: 'draft', title: 'libfoo: heap overflow in <parse> reported by @mallory', description: 'Ping @everyone | see below',
    severityOverride: null, references: ['https://example.org/advisory'], notes: '', version: 3, repository: 'NixOS/nixpkgs', issueNumber: null, issueUrl: null,
    publishStartedAt: null, publishedAt: null, archivedAt: null, createdBy: 'sam', createdAt: new Date(), updatedAt: new Date(), ...over,
  },
  cveIds: ['CVE-2026-1111', 'CVE-2026-2222'],
  packages: [
    { attr: 'libfoo', attrs: ['libfoo'], source: 'suggestion', links: [
      { attr: 'libfoo', channel: 'nixos-unstable', version: '1.2|3', verdict: 'affected', reason: '', rule: null },
      { attr: 'libfoo', channel: 'nixos-unstable', version: '1.2|3', verdict: 'affected', reason: '', rule: null },
      { attr: 'libfoo', channel: 'nixos-25.05', version: '1.1', verdict: 'unknown', reason: '', rule: null },
    ] },
    { attr: 'libfoo-tools', attrs: ['libfoo-tools'], source: 'manual', links: [] },
  ],
  channels: [{ channel: 'nixos-25.05', status: 'unknown' }, { channel: 'nixos-unstable', status: 'affected' }],
  maintainers: [],
});

const cves = [
  { id: 'CVE-2026-1111', title: 'Heap overflow', description: null, metrics: [{ cvssVersion: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, severity: 'CRITICAL', source: 'nvd' }] },
  { id: 'CVE-2026-2222', title: null, description: null, metrics: [] },
];

describe('issue body', () => {
  const body = issueBody({ content: content(), cves, ping: ['alice', 'bob'], pingEnabled: true, publicUrl: 'https://tracker.example/' });

  it('carries the marker a retried publish looks for, the public id and the tracker page', () => {
    expect(body.startsWith(issueMarker('NIXPKGS-2026-0007'))).toBe(true);
    expect(body).toContain('[tracker page](https://tracker.example/advisories/NIXPKGS-2026-0007)');
  });

  it('links every CVE to NVD and cve.org', () => {
    for (const id of ['CVE-2026-1111', 'CVE-2026-2222']) {
      expect(body).toContain(`[NVD](https://nvd.nist.gov/vuln/detail/${id})`);
      expect(body).toContain(`[cve.org](https://www.cve.org/CVERecord?id=${id})`);
    }
  });

  it('tables each package per channel once, escaping the cell separator, and marks hand-added packages', () => {
    expect(body.match(/\| `libfoo` \| nixos-unstable \| 1\.2\\\|3 \| affected \|/g)).toHaveLength(1);
    expect(body).toContain('| `libfoo` | nixos-25.05 | 1.1 | unknown |');
    expect(body).toContain('| `libfoo-tools` | nixos-25.05, nixos-unstable | — | added by hand |');
  });

  it('shows a channel marked fixed (or not affected) as such in the table, not the version verdict', () => {
    const fixed = { ...content(), channels: [{ channel: 'nixos-25.05', status: 'not-affected' as const }, { channel: 'nixos-unstable', status: 'fixed' as const }] };
    const updated = issueBody({ content: fixed, cves, ping: [], pingEnabled: true, publicUrl: 'https://t' });
    expect(updated).toMatch(/\| `libfoo` \| nixos-unstable \| 1\.2\\\|3 \| fixed \|/);
    expect(updated).toContain('| `libfoo` | nixos-25.05 | 1.1 | not-affected |');
    expect(updated).toContain('Channels: `nixos-25.05`: not-affected · `nixos-unstable`: fixed');
  });

  it('never pings from user text or lets it open HTML; pings maintainers only when enabled', () => {
    expect(body).not.toMatch(/@mallory|@everyone/);
    expect(body).toContain('&lt;parse>');
    expect(body).toContain('Maintainers: @alice @bob');
    const quiet = issueBody({ content: content(), cves, ping: ['alice'], pingEnabled: false, publicUrl: 'https://t' });
    expect(quiet).toContain('Maintainers: `alice`');
    expect(quiet).not.toContain('@alice');
  });

  it('takes the severity from CVSS unless overridden, and keeps CVSS and description in collapsible sections', () => {
    expect(body).toContain('severity: **critical**');
    expect(issueBody({ content: content({ severityOverride: 'low' }), cves, ping: [], pingEnabled: true, publicUrl: 'https://t' })).toContain('severity: **low**');
    expect(body).toMatch(/<details><summary>CVSS<\/summary>[\s\S]*9\.8 CRITICAL[\s\S]*<\/details>/);
    expect(body).toMatch(/<details><summary>Description<\/summary>/);
  });

  it('titles the issue with the public id and the CVEs', () => {
    expect(issueTitle(content())).toBe('Vulnerability roundup NIXPKGS-2026-0007: libfoo: heap overflow in <parse> reported by @mallory (CVE-2026-1111, CVE-2026-2222)');
  });
});
