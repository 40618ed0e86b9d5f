import { userInfo } from 'node:os';
import { Command } from 'commander';
import { withPool } from '../../cli/with-pool';
import { progressReporter } from '../../cli/progress';
import { CveRecordsReader } from '../../ingestion/cve/cve-records.reader';
import { loadOfflineCorpus } from '../corpus/offline-corpus';
import { Linker } from '../linker';
import { MappingRuleStore } from '../store/mapping-rule.store';
import { linkableCve } from '../matcher/linkable-cve';
import { CveMatch, matchCve, MatcherContext } from '../matcher/matcher';
import { evaluateLabels, QualityReport } from '../quality/label-evaluation';
import { readLabels } from '../quality/labels';
import { matchStats, MatchStats } from '../quality/match-stats';

interface CorpusOptions {
  cves?: string;
  packages?: string;
  json?: boolean;
}

const corpusOptions = (command: Command) =>
  command
    .option('--cves <dir>', 'match CVE JSON 5 records of this directory instead of the stored CVEs')
    .option('--packages <file>', 'match against this package table (attr, pname, version, description, homepage, maintainers; .tsv or .tsv.gz) instead of the current channels')
    .option('--json', 'print the report as JSON');

/** Matches without writing anything: the stored CVEs/channels, or files (both --cves and --packages). */
async function matchCorpus(options: CorpusOptions, only: Set<string> | null): Promise<Map<string, CveMatch>> {
  const matches = new Map<string, CveMatch>();
  const run = (cve: Parameters<typeof matchCve>[0], context: MatcherContext) => {
    if (!only || only.has(cve.id)) matches.set(cve.id, matchCve(cve, context));
  };
  if (options.cves || options.packages) {
    if (!options.cves || !options.packages) throw new Error('Give both --cves and --packages to match files, or neither to match the database');
    const corpus = await loadOfflineCorpus(options.cves, options.packages);
    for (const error of corpus.errors) process.stderr.write(`skipped ${error.file}: ${error.message}\n`);
    for (const cve of corpus.cves) run(cve, corpus.context);
    return matches;
  }
  await withPool(async (pool) => {
    const context = await new Linker(pool).context({ refreshVendors: true });
    const reader = new CveRecordsReader(pool);
    const progress = progressReporter('matching');
    progress.setTotal(only ? only.size : await reader.count());
    let after = '';
    let done = 0;
    for (;;) {
      const page = only ? (after === '' ? [...only].map((id) => ({ id })) : []) : await reader.page(after, 1000);
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      for (const cve of (await reader.read(page.map((p) => p.id))).values()) run(linkableCve(cve.records, cve.tags), context);
      progress.update((done += page.length), '');
    }
    progress.stop();
  });
  return matches;
}

function printQuality(report: QualityReport): void {
  const line = (label: string, r: { precision: number; recall: number; f1: number }) =>
    `${label}: precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}  F1 ${r.f1.toFixed(3)}`;
  process.stdout.write(`${report.cves} labelled CVEs, ${report.pairs.expected} expected pairs, ${report.pairs.suggested} suggested package groups\n`);
  process.stdout.write(`${line('per pair', report.pairs)}\n${line('per CVE ', report.perCve)}\n`);
  if (report.verdicts.labelled) {
    process.stdout.write(`version verdicts: ${report.verdicts.right}/${report.verdicts.labelled} right (${report.verdicts.accuracy.toFixed(3)})\n`);
    for (const w of report.verdicts.wrong) process.stdout.write(`  ${w.cveId} ${w.expected}: labelled ${w.labelled}, got ${w.got}\n`);
  }
  if (report.missingRecords.length) process.stdout.write(`\nno record for: ${report.missingRecords.join(', ')} (ingest them first)\n`);
  if (report.misses.length) process.stdout.write(`\nmisses:\n${report.misses.map((m) => `  ${m.cveId}  expected ${m.expected}  got [${m.suggested.join(', ')}]  — ${m.note}`).join('\n')}\n`);
  if (report.falseMatches.length) {
    process.stdout.write(`\nfalse matches:\n${report.falseMatches.map((f) => `  ${f.cveId}  ${f.suggested} (${f.confidence})  — ${f.why}`).join('\n')}\n`);
  }
}

function printStats(stats: MatchStats): void {
  const g = stats.groupsPerSuggestion;
  process.stdout.write(
    `${stats.cves} CVEs → ${stats.suggestions} suggestions (${Object.entries(stats.autoDismissed).map(([k, v]) => `${v} auto-dismissed ${k}`).join(', ') || 'none auto-dismissed'})\n` +
      `${stats.groups} package groups, ${stats.packageLinks} attribute×channel links\n` +
      `groups per suggestion: median ${g.median}, p90 ${g.p90}, p99 ${g.p99}, max ${g.max}\n` +
      `group version verdicts: ${Object.entries(stats.versionVerdicts).map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
      `suggestions above 50 groups: ${stats.over50Groups.length}${stats.over50Groups.map((o) => `\n  ${o.cveId} ${o.groups} groups: ${o.reason ?? 'no reason stated'}`).join('')}\n`,
  );
}

function evalCommand(): Command {
  return corpusOptions(
    new Command('eval')
      .description('measure the matcher against labelled CVE → package pairs: precision, recall, F1, misses and false matches')
      .requiredOption('--labels <file>', 'TSV: cve_id, expected package (or NONE), note'),
  ).action(async (options: CorpusOptions & { labels: string }) => {
    const labels = await readLabels(options.labels);
    const matches = await matchCorpus(options, new Set(labels.map((l) => l.cveId)));
    const report = evaluateLabels(labels, matches);
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printQuality(report);
  });
}

function statsCommand(): Command {
  return corpusOptions(new Command('stats').description('how noisy the matcher is on a whole corpus: suggestions, package groups per suggestion, links'))
    .action(async (options: CorpusOptions) => {
      const stats = matchStats((await matchCorpus(options, null)).values());
      if (options.json) process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      else printStats(stats);
    });
}

function runCommand(): Command {
  return new Command('run')
    .description('link new and changed CVEs and the packages of newly completed evaluations (what the scheduled job does)')
    .option('--all', 're-link every CVE (after a matcher or rule change)')
    .action(async (options: { all?: boolean }) => {
      await withPool(async (pool) => {
        const progress = progressReporter('linking');
        const linker = new Linker(pool);
        const onProgress = (p: { done: number; total: number | null }) => {
          progress.setTotal(p.total);
          progress.update(p.done, '');
        };
        const summary = options.all ? await linker.relinkAll(onProgress) : await linker.run(onProgress);
        progress.stop();
        process.stderr.write(
          `linked ${summary.linked} CVE(s): ${summary.suggested} with suggestions, ${summary.withdrawn} withdrawn; followed ${summary.evaluationsFollowed} evaluation(s)${summary.fullRelink ? ' (full re-link)' : ''}\n`,
        );
      });
    });
}

function linkCommand(): Command {
  return new Command('link')
    .description('link these CVEs now and print the explanation')
    .argument('<cve-ids...>')
    .action(async (ids: string[]) => {
      await withPool(async (pool) => {
        const result = await new Linker(pool).linkIds(ids.map((id) => id.toUpperCase()));
        if (result.matches.length < ids.length) process.stderr.write(`only ${result.matches.length} of ${ids.length} CVE(s) are stored: ingest the others first\n`);
        process.stdout.write(`${JSON.stringify(result.matches, null, 2)}\n`);
      });
    });
}

function rulesCommand(): Command {
  const actor = `cli:${userInfo().username}`;
  const relinked = (r: { linked: number; suggested: number }) => process.stderr.write(`re-linked ${r.linked} CVE(s) the rule concerns (${r.suggested} with suggestions)\n`);
  const ruleInput = (options: { vendor?: string; product: string; never?: boolean; package?: string[]; note: string }) => ({
    vendor: options.vendor ?? null,
    product: options.product,
    action: options.never ? ('never' as const) : ('map' as const),
    packages: options.package ?? [],
    note: options.note,
  });
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const withRuleOptions = (command: Command) =>
    command
      .option('--vendor <vendor>', 'CVE/CPE vendor (default: any vendor)')
      .requiredOption('--product <product>', 'CVE product or CPE product, as the records write it')
      .option('--package <name>', 'package name (pname) or attribute; repeat for several', collect)
      .option('--never', 'a "never match" rule: the product is never these packages (or, without --package, never any package)')
      .requiredOption('--note <text>', 'why: shown in every explanation the rule produces');
  return new Command('rules')
    .description("the security team's curated mapping rules (every change goes to the activity log)")
    .addCommand(
      new Command('list').option('--json', 'print JSON').action(async (options: { json?: boolean }) => {
        await withPool(async (pool) => {
          const rules = await new MappingRuleStore(pool).list();
          if (options.json) process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
          else for (const r of rules) process.stdout.write(`#${r.id}  ${r.action.padEnd(5)}  ${r.vendor ?? '*'}:${r.product} → ${r.packages.join(', ') || '(no package)'}  — ${r.note}\n`);
        });
      }),
    )
    .addCommand(
      withRuleOptions(new Command('add')).action(async (options) => {
        await withPool(async (pool) => {
          const rule = await new MappingRuleStore(pool).create(ruleInput(options), actor);
          process.stderr.write(`added rule #${rule.id}\n`);
          relinked(await new Linker(pool).relinkForRule(rule));
        });
      }),
    )
    .addCommand(
      withRuleOptions(new Command('edit').argument('<id>', 'rule number', Number)).action(async (id: number, options) => {
        await withPool(async (pool) => {
          const store = new MappingRuleStore(pool);
          const before = (await store.list()).find((r) => r.id === id);
          const rule = await store.update(id, ruleInput(options), actor);
          // CVEs the old form of the rule concerned are re-linked too.
          relinked(await new Linker(pool).relinkForRule({ product: rule.product, packages: [...rule.packages, ...(before ? [before.product, ...before.packages] : [])] }));
        });
      }),
    )
    .addCommand(
      new Command('remove').argument('<id>', 'rule number', Number).action(async (id: number) => {
        await withPool(async (pool) => {
          const store = new MappingRuleStore(pool);
          const rule = (await store.list()).find((r) => r.id === id);
          await store.remove(id, actor);
          if (rule) relinked(await new Linker(pool).relinkForRule(rule));
        });
      }),
    );
}

export function linkageCommand(): Command {
  return new Command('linkage')
    .description('match CVEs to Nixpkgs packages')
    .addCommand(runCommand())
    .addCommand(linkCommand())
    .addCommand(evalCommand())
    .addCommand(statsCommand())
    .addCommand(rulesCommand());
}
