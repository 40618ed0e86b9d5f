import type { AdvisoryContent } from '../drafts/advisory.store';

export interface IssueCve {
  id: string;
  title: string | null;
  description: string | null;
  metrics: { cvssVersion: string; vector: string; baseScore: number; severity: string; source: string }[];
}

export interface IssueBodyInput {
  content: AdvisoryContent;
  cves: IssueCve[];
  /** Current GitHub handles of the maintainers to ping (resolved from githubIds at publish time). */
  ping: string[];
  pingEnabled: boolean;
  publicUrl: string;
}

/** Hidden in the body: lets a retried publish find the issue an earlier attempt created. */
export function issueMarker(publicId: string): string {
  return `<!-- nixsec:advisory ${publicId} -->`;
}

export function issueTitle(content: AdvisoryContent): string {
  const ids = content.cveIds.length <= 3 ? content.cveIds.join(', ') : `${content.cveIds.slice(0, 2).join(', ')} and ${content.cveIds.length - 2} more`;
  return `Vulnerability roundup ${content.advisory.publicId}: ${content.advisory.title} (${ids})`.slice(0, 250);
}

/** The GitHub issue body of a published advisory (Markdown; user text is escaped where it could break the layout). */
export function issueBody(input: IssueBodyInput): string {
  const { content, cves } = input;
  const a = content.advisory;
  const page = `${input.publicUrl.replace(/\/$/, '')}/advisories/${a.publicId}`;
  const severity = a.severityOverride ?? maxSeverity(cves);
  const lines: string[] = [
    issueMarker(a.publicId ?? ''),
    `**${a.publicId}** · severity: **${severity}** · [tracker page](${page})`,
    '',
    escapeText(a.title),
    '',
    '## CVEs',
    '',
    ...content.cveIds.map((id) => `- ${id} — [NVD](https://nvd.nist.gov/vuln/detail/${id}) · [cve.org](https://www.cve.org/CVERecord?id=${id})${titleOf(cves, id)}`),
    '',
    '## Affected packages',
    '',
    '| package | channel | version | status |',
    '| --- | --- | --- | --- |',
    ...packageRows(content),
    '',
  ];
  const channels = content.channels.map((c) => `\`${c.channel}\`: ${c.status}`).join(' · ');
  if (channels) lines.push(`Channels: ${channels}`, '');
  if (a.description.trim()) lines.push(details('Description', escapeText(a.description)));
  const cvss = cves.flatMap((c) => c.metrics.map((m) => `| ${c.id} | ${m.cvssVersion} | ${m.baseScore} ${m.severity} | \`${m.vector}\` | ${m.source} |`));
  if (cvss.length) lines.push(details('CVSS', ['| CVE | version | score | vector | source |', '| --- | --- | --- | --- | --- |', ...cvss].join('\n')));
  if (a.references.length) lines.push(details('References', a.references.map((r) => `- <${r}>`).join('\n')));
  if (input.ping.length) {
    lines.push(input.pingEnabled ? `Maintainers: ${input.ping.map((h) => `@${h}`).join(' ')}` : `Maintainers: ${input.ping.map((h) => `\`${h}\``).join(', ')}`, '');
  }
  lines.push(`<sub>Published with nixsec. Closing this issue archives the advisory; reopening it publishes it again.</sub>`);
  return lines.join('\n');
}

function packageRows(content: AdvisoryContent): string[] {
  const rows: string[] = [];
  // A channel the team (or a landed fix) settled shows that instead of the version-range verdict.
  const settled = new Map(content.channels.filter((c) => c.status === 'fixed' || c.status === 'not-affected').map((c) => [c.channel, c.status]));
  for (const p of content.packages) {
    const seen = new Set<string>();
    const links = p.links.filter((l) => !seen.has(`${l.channel}|${l.version}`) && seen.add(`${l.channel}|${l.version}`));
    if (links.length === 0) {
      rows.push(`| \`${p.attr}\` | ${content.channels.map((c) => c.channel).join(', ') || '—'} | — | added by hand |`);
      continue;
    }
    for (const l of links.sort((x, y) => x.channel.localeCompare(y.channel))) {
      rows.push(`| \`${p.attr}\` | ${l.channel} | ${escapeCell(l.version)} | ${settled.get(l.channel) ?? l.verdict} |`);
    }
  }
  return rows.length ? rows : ['| — | — | — | — |'];
}

const ORDER = ['none', 'low', 'medium', 'high', 'critical'];

function maxSeverity(cves: IssueCve[]): string {
  const all = cves.flatMap((c) => c.metrics.map((m) => m.severity.toLowerCase()));
  return all.sort((a, b) => ORDER.indexOf(b) - ORDER.indexOf(a))[0] ?? 'unknown';
}

function titleOf(cves: IssueCve[], id: string): string {
  const title = cves.find((c) => c.id === id)?.title;
  return title ? `: ${escapeText(title)}` : '';
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>\n`;
}

// Mentions in user text must not ping anyone, and HTML must not hide the marker or the layout.
function escapeText(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, '@\u200b').replace(/</g, '&lt;');
}

function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/g, '\\|');
}
