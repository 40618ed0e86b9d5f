import type { AdvisoryChannel, AdvisoryPackage, AdvisoryRow } from '../drafts/advisory.store';

/** A published advisory as the REST list and the Atom feed give it. */
export interface PublicAdvisory {
  id: string;
  state: string;
  title: string;
  description: string;
  severity: string | null;
  cves: string[];
  packages: { attr: string; attrs: string[]; versions: { channel: string; version: string; verdict: string }[] }[];
  channels: AdvisoryChannel[];
  issue: string | null;
  url: string;
  publishedAt: string | null;
  archivedAt: string | null;
  updatedAt: string;
}

export function publicAdvisory(row: AdvisoryRow, cves: string[], packages: AdvisoryPackage[], channels: AdvisoryChannel[], baseUrl: string): PublicAdvisory {
  return {
    id: row.publicId!,
    state: row.state,
    title: row.title,
    description: row.description,
    severity: row.severityOverride,
    cves,
    packages: packages.map((p) => ({
      attr: p.attr,
      attrs: p.attrs,
      versions: [...new Map(p.links.map((l) => [`${l.channel}|${l.version}`, { channel: l.channel, version: l.version, verdict: l.verdict }])).values()],
    })),
    channels,
    issue: row.issueUrl,
    url: `${baseUrl.replace(/\/$/, '')}/advisories/${row.publicId}`,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

// Control characters other than tab, newline and carriage return are not allowed in XML 1.0.
const XML_FORBIDDEN = new RegExp('[' + String.fromCharCode(0) + '-' + String.fromCharCode(8) + String.fromCharCode(11, 12) + String.fromCharCode(14) + '-' + String.fromCharCode(31) + ']', 'g');

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!).replace(XML_FORBIDDEN, '');

/** Atom 1.0 (RFC 4287): one entry per advisory, newest change first. */
export function atomFeed(advisories: PublicAdvisory[], baseUrl: string): string {
  const base = baseUrl.replace(/\/$/, '');
  const updated = advisories[0]?.updatedAt ?? new Date(0).toISOString();
  const entries = advisories.map((a) => {
    const summary = `${a.cves.join(', ')} — ${a.packages.map((p) => p.attr).join(', ')}${a.state === 'archived' ? ' (archived)' : ''}`;
    return [
      '  <entry>',
      `    <id>${escapeXml(a.url)}</id>`,
      `    <title>${escapeXml(`${a.id}: ${a.title}`)}</title>`,
      `    <link href="${escapeXml(a.url)}"/>`,
      ...(a.issue ? [`    <link rel="related" href="${escapeXml(a.issue)}"/>`] : []),
      `    <published>${a.publishedAt}</published>`,
      `    <updated>${a.updatedAt}</updated>`,
      ...a.cves.map((cve) => `    <category term="${escapeXml(cve)}"/>`),
      `    <summary>${escapeXml(summary)}</summary>`,
      ...(a.description ? [`    <content type="text">${escapeXml(a.description)}</content>`] : []),
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(`${base}/advisories.atom`)}</id>`,
    '  <title>nixsec: Nixpkgs security advisories</title>',
    `  <link rel="self" href="${escapeXml(`${base}/advisories.atom`)}"/>`,
    `  <link href="${escapeXml(`${base}/advisories`)}"/>`,
    `  <updated>${updated}</updated>`,
    '  <author><name>NixOS security team</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
