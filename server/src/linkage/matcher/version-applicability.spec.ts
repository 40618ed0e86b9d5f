import type { NormalizedAffected, NormalizedVersion } from '../../ingestion/cve/normalized-cve';
import {
  affectedEntryVerdict,
  combineFindings,
  cpeMatchVerdict,
  normaliseVersion,
  releaseLineFixes,
  type VersionFinding,
  type VersionVerdict,
} from './version-applicability';

// Entries copied from the records in shared/data/cve/ (CVE JSON 5; PROVENANCE.tsv there names the
// upstream commit) and shared/data/nvd/ (NVD API 2.0), trimmed to `defaultStatus` and `versions`.
// The rest are made up for nixsec to exercise one rule each.

type Entry = Pick<NormalizedAffected, 'defaultStatus' | 'versions'>;
interface RawItem {
  version: string;
  status: string;
  lessThan?: string;
  lessThanOrEqual?: string;
  versionType?: string;
  changes?: { at: string; status: string }[];
}

function entry(defaultStatus: Entry['defaultStatus'], items: RawItem[]): Entry {
  const versions: NormalizedVersion[] = items.map((item, ordinal) => ({
    ordinal,
    version: item.version,
    lessThan: item.lessThan ?? null,
    lessThanOrEqual: item.lessThanOrEqual ?? null,
    status: item.status as NormalizedVersion['status'],
    versionType: item.versionType ?? null,
    changes: item.changes ?? [],
  }));
  return { defaultStatus, versions };
}

const LOG4J_CHANGES = [
  { at: '2.3.1', status: 'unaffected' },
  { at: '2.4', status: 'affected' },
  { at: '2.12.2', status: 'unaffected' },
  { at: '2.13.0', status: 'affected' },
  { at: '2.15.0', status: 'unaffected' },
];

const ENTRIES = {
  // CVE-2024-3094.json, CNA affected[0]
  xz: entry('unaffected', [
    { status: 'affected', version: '5.6.0' },
    { status: 'affected', version: '5.6.1' },
  ]),
  // CVE-2018-14618.json
  curl761: entry(null, [{ status: 'affected', version: '7.61.1' }]),
  // CVE-2016-1897.json
  na: entry(null, [{ status: 'affected', version: 'n/a' }]),
  // CVE-2023-38545.json: both ranges are empty (version = lessThan), so they say nothing.
  curlSocks: entry(null, [
    { version: '8.4.0', status: 'affected', lessThan: '8.4.0', versionType: 'semver' },
    { version: '7.69.0', status: 'unaffected', lessThan: '7.69.0', versionType: 'semver' },
  ]),
  // CVE-2023-46805.json, product ICS
  ivanti: entry('unaffected', [
    { version: '9.1R18', status: 'affected', lessThanOrEqual: '9.1R18', versionType: 'semver' },
    { version: '22.6R2', status: 'affected', lessThanOrEqual: '22.6R2', versionType: 'semver' },
  ]),
  // CVE-2024-1086.json (Google's CNA record for the kernel)
  kernelNfTables: entry('unaffected', [{ status: 'affected', version: '3.15', lessThan: '6.8', versionType: 'custom' }]),
  // CVE-2025-21631.json, Linux CNA affected[0]: git commit ranges only
  kernelGit: entry('unaffected', [
    { version: '63a07379fdb6c72450cb05294461c6016b8b7726', lessThan: 'f587c1ac68956c4703857d650d9b1cd7bb2ac4d7', status: 'affected', versionType: 'git' },
    { version: 'de0456460f2abf921e356ed2bd8da87a376680bd', lessThan: '2550149fcdf2934155ff625d76ad4e3d4b25bbc6', status: 'affected', versionType: 'git' },
    { version: '0b8bda0ff17156cd3f60944527c9d8c9f99f1583', status: 'affected', versionType: 'git' },
  ]),
  // CVE-2025-21631.json, Linux CNA affected[1]: semver ranges with series wildcards
  kernelSemver: entry('affected', [
    { version: '6.12', status: 'affected' },
    { version: '0', lessThan: '6.12', status: 'unaffected', versionType: 'semver' },
    { version: '5.15.177', lessThanOrEqual: '5.15.*', status: 'unaffected', versionType: 'semver' },
    { version: '6.1.125', lessThanOrEqual: '6.1.*', status: 'unaffected', versionType: 'semver' },
    { version: '6.6.72', lessThanOrEqual: '6.6.*', status: 'unaffected', versionType: 'semver' },
    { version: '6.12.10', lessThanOrEqual: '6.12.*', status: 'unaffected', versionType: 'semver' },
    { version: '6.13', lessThanOrEqual: '*', status: 'unaffected', versionType: 'original_commit_for_fix' },
  ]),
  // The Linux CNA's shape when a bug predates the stable branches (made up, CVE-2024-1086's fixes).
  kernelShape: entry('affected', [
    { version: '5.15', status: 'affected' },
    { version: '0', lessThan: '5.15', status: 'unaffected', versionType: 'semver' },
    { version: '6.1.76', lessThanOrEqual: '6.1.*', status: 'unaffected', versionType: 'semver' },
    { version: '6.6.15', lessThanOrEqual: '6.6.*', status: 'unaffected', versionType: 'semver' },
    { version: '6.8', lessThanOrEqual: '*', status: 'unaffected', versionType: 'original_commit_for_fix' },
  ]),
  // CVE-2024-9143.json
  openssl: entry('unaffected', [
    { lessThan: '3.3.3', status: 'affected', version: '3.3.0', versionType: 'semver' },
    { lessThan: '3.2.4', status: 'affected', version: '3.2.0', versionType: 'semver' },
    { lessThan: '3.1.8', status: 'affected', version: '3.1.0', versionType: 'semver' },
    { lessThan: '3.0.16', status: 'affected', version: '3.0.0', versionType: 'semver' },
    { lessThan: '1.1.1zb', status: 'affected', version: '1.1.1', versionType: 'custom' },
    { lessThan: '1.0.2zl', status: 'affected', version: '1.0.2', versionType: 'custom' },
  ]),
  // CVE-2021-44228.json: "log4j-core*" is read as a product name before "*", i.e. no upper bound.
  log4j: entry(null, [{ version: '2.0-beta9', status: 'affected', lessThan: 'log4j-core*', versionType: 'custom', changes: LOG4J_CHANGES }]),
  log4jShuffled: entry(null, [
    { version: '2.0-beta9', status: 'affected', lessThan: 'log4j-core*', versionType: 'custom', changes: [...LOG4J_CHANGES].reverse() },
  ]),
  // CVE-2024-9680.json, CNA affected[0] and ADP affected[0]
  firefoxCna: entry(null, [{ lessThan: '131.0.2', status: 'affected', version: 'unspecified', versionType: 'custom' }]),
  firefoxAdp: entry('unknown', [{ status: 'affected', version: '0', lessThan: '131.0.2', versionType: 'custom' }]),
  // CVE-2024-32002.json, CNA: ranges written as operator strings in `version`
  gitCna: entry(null, [
    { version: '= 2.45.0', status: 'affected' },
    { version: '= 2.44.0', status: 'affected' },
    { version: '>= 2.43.0, < 2.43.4', status: 'affected' },
    { version: '>= 2.42.0, < 2.42.2', status: 'affected' },
    { version: '= 2.41.0', status: 'affected' },
    { version: '>= 2.40.0, < 2.40.2', status: 'affected' },
    { version: '< 2.39.4', status: 'affected' },
  ]),
  // CVE-2024-32002.json, ADP affected[2]
  gitAdp: entry('unknown', [{ version: '2.43', status: 'affected', lessThan: '2.43.4', versionType: 'custom' }]),
  // CVE-2023-22466.json
  tokio: entry(null, [
    { version: '>= 1.7.0, < 1.18.4', status: 'affected' },
    { version: '>= 1.19.0, < 1.20.3', status: 'affected' },
    { version: '>= 1.21.0, < 1.23.1', status: 'affected' },
  ]),
  // CVE-2022-25929.json: the first range's upper bound is "unspecified"
  smoothie: entry(null, [
    { version: '1.31.0', status: 'affected', lessThan: 'unspecified', versionType: 'custom' },
    { version: 'unspecified', lessThan: '1.36.1', status: 'affected', versionType: 'custom' },
  ]),
  // CVE-2024-10924.json
  reallySimple: entry('unaffected', [{ version: '9.0.0', status: 'affected', lessThanOrEqual: '9.1.1.1', versionType: 'semver' }]),
  // The examples of cve-schema schema/v5.0/docs/versions.md
  docSeries: entry(null, [{ version: '1.0', versionType: 'semver', lessThan: '2.*', status: 'affected' }]),
  docChanges: entry(null, [
    {
      version: '2.0.0',
      versionType: 'semver',
      lessThan: '2.*',
      status: 'affected',
      changes: [
        { at: '2.5.2', status: 'unaffected' },
        { at: '2.6.0', status: 'affected' },
        { at: '2.6.3', status: 'unaffected' },
      ],
    },
  ]),
  docChangesAndGit: entry('unaffected', [
    { version: '2.0.0', versionType: 'semver', lessThan: '2.*', status: 'affected', changes: [{ at: '2.5.2', status: 'unaffected' }] },
    { version: '0', versionType: 'git', lessThan: '*', status: 'unaffected', changes: [{ at: '123abc', status: 'affected' }, { at: '234bcd', status: 'unaffected' }] },
  ]),
  docOnlyTwo: entry('unaffected', [
    { version: '2.4', status: 'affected' },
    { version: '2.5', status: 'affected' },
  ]),
  // Made up
  unaffectedSingle: entry('affected', [{ version: '2.6', status: 'unaffected' }]),
  unknownDefault: entry('unknown', [{ version: '1.0', status: 'affected' }]),
  series: entry('unaffected', [{ version: '2.x', status: 'affected' }]),
  opensslSeries: entry('unaffected', [{ version: '1.1.0', lessThan: '1.1.1*', status: 'affected', versionType: 'custom' }]),
  everything: entry(null, [{ version: '0', lessThan: '*', status: 'affected', versionType: 'semver' }]),
  broadThenSeries: entry(null, [
    { version: '0', lessThan: '*', status: 'affected', versionType: 'semver' },
    { version: '6.1.76', lessThanOrEqual: '6.1.*', status: 'unaffected', versionType: 'semver' },
  ]),
  exactInRange: entry(null, [
    { version: '1.0', lessThan: '2.0', status: 'affected', versionType: 'semver' },
    { version: '1.5', status: 'unaffected' },
  ]),
  beforeRelease: entry('unaffected', [{ version: '0', lessThan: '6.1.0', status: 'affected', versionType: 'semver' }]),
  beforeRc2: entry('unaffected', [{ version: '0', lessThan: '2.0-rc2', status: 'affected', versionType: 'semver' }]),
  gitSameAsDefault: entry('unaffected', [
    { version: '63a07379fdb6c72450cb05294461c6016b8b7726', lessThan: 'f587c1ac68956c4703857d650d9b1cd7bb2ac4d7', status: 'unaffected', versionType: 'git' },
  ]),
  hashWithoutType: entry('unaffected', [{ version: '63a07379fdb6c72450cb05294461c6016b8b7726', status: 'affected' }]),
  leadingV: entry(null, [{ version: 'v1.2.0', lessThan: 'v1.2.5', status: 'affected', versionType: 'semver' }]),
  productName: entry(null, [{ version: 'curl 7.61.0', status: 'affected' }]),
} satisfies Record<string, Entry>;

type EntryCase = [version: string, entry: keyof typeof ENTRIES, verdict: VersionVerdict, rule: string | null, reason?: string];

describe('affectedEntryVerdict', () => {
  const cases: EntryCase[] = [
    // Single versions, status affected; defaultStatus for the rest.
    ['5.6.0', 'xz', 'affected', '5.6.0', '5.6.0 = 5.6.0 — affected'],
    ['5.6.1', 'xz', 'affected', '5.6.1'],
    ['5.4.6', 'xz', 'not-affected', 'defaultStatus: unaffected', 'defaultStatus — unaffected'],
    ['5.6.2', 'xz', 'not-affected', 'defaultStatus: unaffected'],
    ['7.61.1', 'curl761', 'affected', '7.61.1'],
    ['7.61.0', 'curl761', 'unknown', null, 'no defaultStatus'],
    ['2.4', 'docOnlyTwo', 'affected', '2.4'],
    ['2.6', 'docOnlyTwo', 'not-affected', 'defaultStatus: unaffected'],
    // A single version with status unaffected, everything else affected.
    ['2.6', 'unaffectedSingle', 'not-affected', '2.6', '2.6 = 2.6 — unaffected'],
    ['2.6.1', 'unaffectedSingle', 'affected', 'defaultStatus: affected'],
    // defaultStatus "unknown" is a verdict too.
    ['1.0', 'unknownDefault', 'affected', '1.0'],
    ['1.1', 'unknownDefault', 'unknown', 'defaultStatus: unknown'],
    // Unusable versions and empty ranges decide nothing.
    ['1.0', 'na', 'unknown', 'n/a', '"n/a" is not a version'],
    ['8.3.0', 'curlSocks', 'unknown', '>= 8.4.0, < 8.4.0', 'is empty'],
    // lessThanOrEqual, including a range of one version.
    ['9.1R18', 'ivanti', 'affected', '>= 9.1R18, <= 9.1R18'],
    ['9.1r18', 'ivanti', 'affected', '>= 9.1R18, <= 9.1R18'],
    ['22.6R2', 'ivanti', 'affected', '>= 22.6R2, <= 22.6R2'],
    ['22.6R3', 'ivanti', 'not-affected', 'defaultStatus: unaffected'],
    ['9.1.1.1', 'reallySimple', 'affected', '>= 9.0.0, <= 9.1.1.1'],
    ['9.0', 'reallySimple', 'affected', '>= 9.0.0, <= 9.1.1.1'], // "9.0" is "9.0.0"
    ['9.1.2', 'reallySimple', 'not-affected', 'defaultStatus: unaffected'],
    ['8.9', 'reallySimple', 'not-affected', 'defaultStatus: unaffected'],
    // lessThan with a lower bound, several branches.
    ['3.0.7', 'openssl', 'affected', '>= 3.0.0, < 3.0.16', '3.0.7 in >= 3.0.0, < 3.0.16 — affected'],
    ['3.0.16', 'openssl', 'not-affected', 'defaultStatus: unaffected'],
    ['3.3.2', 'openssl', 'affected', '>= 3.3.0, < 3.3.3'],
    ['3.4.0', 'openssl', 'not-affected', 'defaultStatus: unaffected'],
    ['1.1.1w', 'openssl', 'affected', '>= 1.1.1, < 1.1.1zb'],
    ['1.1.1zb', 'openssl', 'not-affected', 'defaultStatus: unaffected'],
    ['1.0.2zk', 'openssl', 'affected', '>= 1.0.2, < 1.0.2zl'],
    ['0.9.8zh', 'openssl', 'not-affected', 'defaultStatus: unaffected'],
    ['6.1.70', 'kernelNfTables', 'affected', '>= 3.15, < 6.8'],
    ['6.7.12', 'kernelNfTables', 'affected', '>= 3.15, < 6.8'],
    ['6.8', 'kernelNfTables', 'not-affected', 'defaultStatus: unaffected'],
    ['3.14.79', 'kernelNfTables', 'not-affected', 'defaultStatus: unaffected'],
    // "0" and "unspecified" as lower bound: from the beginning.
    ['131.0.1', 'firefoxCna', 'affected', '< 131.0.2'],
    ['115.16.0', 'firefoxCna', 'affected', '< 131.0.2'],
    ['131.0.2', 'firefoxCna', 'not-affected', '< 131.0.2', 'newer than every affected version listed'],
    ['130.0', 'firefoxAdp', 'affected', '>= 0, < 131.0.2'],
    ['131.0.3', 'firefoxAdp', 'not-affected', '>= 0, < 131.0.2', 'newer than every affected version listed'],
    // "*" upper bound: no end.
    ['0.1', 'everything', 'affected', '>= 0, < *'],
    ['999.1', 'everything', 'affected', '>= 0, < *'],
    // Operator strings in `version`.
    ['2.45.0', 'gitCna', 'affected', '= 2.45.0', '2.45.0 = = 2.45.0 — affected'],
    ['2.43.3', 'gitCna', 'affected', '>= 2.43.0, < 2.43.4'],
    ['2.43.4', 'gitCna', 'unknown', null],
    ['2.39.3', 'gitCna', 'affected', '< 2.39.4'],
    ['2.46.0', 'gitCna', 'not-affected', '< 2.39.4', 'newer than every affected version listed'],
    ['2.43.0', 'gitAdp', 'affected', '>= 2.43, < 2.43.4'],
    ['1.18.3', 'tokio', 'affected', '>= 1.7.0, < 1.18.4'],
    ['1.18.4', 'tokio', 'unknown', null],
    ['1.20.2', 'tokio', 'affected', '>= 1.19.0, < 1.20.3'],
    ['1.6.9', 'tokio', 'unknown', null],
    // An unreadable bound leaves the versions outside the other items unknown.
    ['1.35.0', 'smoothie', 'affected', '< 1.36.1'],
    ['1.36.1', 'smoothie', 'unknown', '>= 1.31.0, < unspecified', 'the upper bound "unspecified" is not a version'],
    // Status changes inside a range, applied in order (and re-sorted first).
    ['2.14.1', 'log4j', 'affected', '>= 2.0-beta9, < log4j-core* (at 2.13.0: affected)', 'changed at 2.13.0 — affected'],
    ['2.15.0', 'log4j', 'not-affected', '>= 2.0-beta9, < log4j-core* (at 2.15.0: unaffected)'],
    ['2.17.1', 'log4j', 'not-affected', '>= 2.0-beta9, < log4j-core* (at 2.15.0: unaffected)'],
    ['2.12.1', 'log4j', 'affected', '>= 2.0-beta9, < log4j-core* (at 2.4: affected)'],
    ['2.12.2', 'log4j', 'not-affected', '>= 2.0-beta9, < log4j-core* (at 2.12.2: unaffected)'],
    ['2.3.1', 'log4j', 'not-affected', '>= 2.0-beta9, < log4j-core* (at 2.3.1: unaffected)'],
    ['2.3', 'log4j', 'affected', '>= 2.0-beta9, < log4j-core*', 'before any status change'],
    ['2.0', 'log4j', 'affected', '>= 2.0-beta9, < log4j-core*'],
    ['2.0-rc1', 'log4j', 'affected', '>= 2.0-beta9, < log4j-core*'], // rc after beta
    ['2.0-beta8', 'log4j', 'unknown', null],
    ['1.2.17', 'log4j', 'unknown', null],
    ['2.14.1', 'log4jShuffled', 'affected', '>= 2.0-beta9, < log4j-core* (at 2.13.0: affected)'],
    ['2.12.2', 'log4jShuffled', 'not-affected', '>= 2.0-beta9, < log4j-core* (at 2.12.2: unaffected)'],
    ['2.5.1', 'docChanges', 'affected', '>= 2.0.0, < 2.*'],
    ['2.5.2', 'docChanges', 'not-affected', '>= 2.0.0, < 2.* (at 2.5.2: unaffected)'],
    ['2.6.2', 'docChanges', 'affected', '>= 2.0.0, < 2.* (at 2.6.0: affected)'],
    ['2.6.3', 'docChanges', 'not-affected', '>= 2.0.0, < 2.* (at 2.6.3: unaffected)'],
    ['2.99', 'docChanges', 'not-affected', '>= 2.0.0, < 2.* (at 2.6.3: unaffected)'],
    ['3.0', 'docChanges', 'not-affected', '>= 2.0.0, < 2.*'],
    // Series wildcards: "2.*" is the end of the 2 series, "2.x" the 2 series, "1.1.1*" the 1.1.1 letter releases.
    ['2.9.9', 'docSeries', 'affected', '>= 1.0, < 2.*'],
    ['1.0', 'docSeries', 'affected', '>= 1.0, < 2.*'],
    ['3.0', 'docSeries', 'not-affected', '>= 1.0, < 2.*'],
    ['0.9', 'docSeries', 'unknown', null],
    ['2', 'series', 'affected', '2.x', '2 in 2.x — affected'],
    ['2.17.4', 'series', 'affected', '2.x'],
    ['3.0', 'series', 'not-affected', 'defaultStatus: unaffected'],
    ['1.9', 'series', 'not-affected', 'defaultStatus: unaffected'],
    ['1.1.1w', 'opensslSeries', 'affected', '>= 1.1.0, < 1.1.1*'],
    ['1.1.1', 'opensslSeries', 'affected', '>= 1.1.0, < 1.1.1*'],
    ['1.1.10', 'opensslSeries', 'not-affected', 'defaultStatus: unaffected'],
    ['1.1.2', 'opensslSeries', 'not-affected', 'defaultStatus: unaffected'],
    // Linux CNA (CVE-2025-21631): the git ranges cannot be read…
    ['6.1.70', 'kernelGit', 'unknown', '>= 63a07379fdb6c72450cb05294461c6016b8b7726, < f587c1ac68956c4703857d650d9b1cd7bb2ac4d7', 'git commit ranges cannot be compared with a version'],
    // …and the semver ranges: below 6.12 unaffected, 6.12 affected until 6.12.10, fixed from 6.13.
    ['6.1.70', 'kernelSemver', 'not-affected', '>= 0, < 6.12'],
    ['6.1.80', 'kernelSemver', 'not-affected', '>= 0, < 6.12'],
    ['6.6.10', 'kernelSemver', 'not-affected', '>= 0, < 6.12'],
    ['5.10.1', 'kernelSemver', 'not-affected', '>= 0, < 6.12'],
    ['6.1.130', 'kernelSemver', 'not-affected', '>= 6.1.125, <= 6.1.*', '6.1.130 in >= 6.1.125, <= 6.1.* — unaffected'],
    ['6.12', 'kernelSemver', 'affected', '6.12'],
    ['6.12.0', 'kernelSemver', 'affected', '6.12'],
    ['6.12.5', 'kernelSemver', 'affected', 'defaultStatus: affected'],
    ['6.12.10', 'kernelSemver', 'not-affected', '>= 6.12.10, <= 6.12.*'],
    ['6.12.42', 'kernelSemver', 'not-affected', '>= 6.12.10, <= 6.12.*'],
    ['6.13', 'kernelSemver', 'not-affected', '>= 6.13, <= *'],
    ['6.14.2', 'kernelSemver', 'not-affected', '>= 6.13, <= *'],
    // The Linux CNA shape: an unaffected series entry beats the affected default.
    ['6.1.70', 'kernelShape', 'affected', 'defaultStatus: affected'],
    ['6.1.76', 'kernelShape', 'not-affected', '>= 6.1.76, <= 6.1.*'],
    ['6.1.80', 'kernelShape', 'not-affected', '>= 6.1.76, <= 6.1.*', '6.1.80 in >= 6.1.76, <= 6.1.* — unaffected'],
    ['6.6.10', 'kernelShape', 'affected', 'defaultStatus: affected'],
    ['6.6.15', 'kernelShape', 'not-affected', '>= 6.6.15, <= 6.6.*'],
    ['5.10.1', 'kernelShape', 'not-affected', '>= 0, < 5.15'],
    ['5.15', 'kernelShape', 'affected', '5.15'],
    ['5.15.140', 'kernelShape', 'affected', 'defaultStatus: affected'],
    ['6.7.2', 'kernelShape', 'affected', 'defaultStatus: affected'],
    ['6.10', 'kernelShape', 'not-affected', '>= 6.8, <= *'],
    // Overlapping items: an unaffected series inside a broad affected range, an exact version inside a range.
    ['6.1.80', 'broadThenSeries', 'not-affected', '>= 6.1.76, <= 6.1.*', '(takes precedence over >= 0, < *)'],
    ['6.1.70', 'broadThenSeries', 'affected', '>= 0, < *'],
    ['1.5', 'exactInRange', 'not-affected', '1.5'],
    ['1.6', 'exactInRange', 'affected', '>= 1.0, < 2.0'],
    // Git items are undecidable; another item or a default that agrees with them still decides.
    ['2.5.1', 'docChangesAndGit', 'affected', '>= 2.0.0, < 2.*'],
    ['3.1', 'docChangesAndGit', 'unknown', '>= 0, < *', 'git commit ranges cannot be compared with a version'],
    ['3.1', 'gitSameAsDefault', 'not-affected', 'defaultStatus: unaffected'],
    ['3.1', 'hashWithoutType', 'unknown', '63a07379fdb6c72450cb05294461c6016b8b7726', 'commit ranges cannot be compared'],
    // Pre-releases sort before their release ("rc", "beta", "alpha" as Nix's "pre").
    ['6.1.0-rc1', 'beforeRelease', 'affected', '>= 0, < 6.1.0'],
    ['6.1-rc7', 'beforeRelease', 'affected', '>= 0, < 6.1.0'],
    ['6.1pre1', 'beforeRelease', 'affected', '>= 0, < 6.1.0'],
    ['6.1.0', 'beforeRelease', 'not-affected', 'defaultStatus: unaffected'],
    ['6.1', 'beforeRelease', 'not-affected', 'defaultStatus: unaffected'],
    ['2.0-rc1', 'beforeRc2', 'affected', '>= 0, < 2.0-rc2'],
    ['2.0-beta3', 'beforeRc2', 'affected', '>= 0, < 2.0-rc2'],
    ['2.0alpha1', 'beforeRc2', 'affected', '>= 0, < 2.0-rc2'],
    ['2.0RC2', 'beforeRc2', 'not-affected', 'defaultStatus: unaffected'],
    ['2.0', 'beforeRc2', 'not-affected', 'defaultStatus: unaffected'],
    // Spelling of versions in the record and in the package set.
    ['1.2.4', 'leadingV', 'affected', '>= v1.2.0, < v1.2.5'],
    ['v1.2.4', 'leadingV', 'affected', '>= v1.2.0, < v1.2.5'],
    [' 1.2.5 ', 'leadingV', 'not-affected', '>= v1.2.0, < v1.2.5'],
    ['7.61.0', 'productName', 'affected', 'curl 7.61.0'],
    // Nixpkgs snapshot versions cannot be placed in a range.
    ['unstable-2024-01-01', 'everything', 'unknown', null, 'unstable snapshot'],
    ['0-unstable-2024-05-02', 'everything', 'unknown', null, 'unstable snapshot'],
    ['2024-01-01', 'everything', 'unknown', null, 'is a date'],
    ['1.2-unstable-2024-01-01', 'xz', 'unknown', null, 'unstable snapshot'],
    ['n/a', 'xz', 'unknown', null, 'not a usable version'],
  ];
  // Every row gets a reason (jest would pass `done` for a missing last argument).
  it.each(cases.map(([version, name, verdict, rule, reason = '']) => [version, name, verdict, rule, reason] as const))(
    '%s against %s → %s',
    (version, name, verdict, rule, reason) => {
      const finding = affectedEntryVerdict(version, ENTRIES[name]);
      expect({ verdict: finding.verdict, rule: finding.rule }).toEqual({ verdict, rule });
      expect(finding.reason).toContain(reason);
    },
  );

  it('gives the basis a combination weighs', () => {
    expect(affectedEntryVerdict('5.6.0', ENTRIES.xz).basis).toBe('listed');
    expect(affectedEntryVerdict('5.4.6', ENTRIES.xz).basis).toBe('default');
    expect(affectedEntryVerdict('7.61.0', ENTRIES.curl761).basis).toBe('default');
    expect(affectedEntryVerdict('6.1.70', ENTRIES.kernelGit).basis).toBe('none');
    expect(affectedEntryVerdict('unstable-2024-01-01', ENTRIES.xz).basis).toBe('none');
  });

  it('says how a calendar version such as 2023.06.17 compares (it is a release number, not a snapshot)', () => {
    const calver = entry(null, [{ version: '0', lessThan: '2023.07.01', status: 'affected', versionType: 'custom' }]);
    expect(affectedEntryVerdict('2023.06.17', calver).verdict).toBe('affected');
  });
});

describe('cpeMatchVerdict', () => {
  type Match = Parameters<typeof cpeMatchVerdict>[1];
  const XEN = 'cpe:2.3:o:xen:xen:*:*:*:*:*:*:x86:*';
  it.each<[version: string, match: Match, verdict: VersionVerdict, reason: string]>([
    // Exact version in the criteria (single/CVE-2024-3094.json, single/CVE-2021-28429.json).
    ['5.6.0', { criteria: 'cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*', vulnerable: true }, 'affected', '5.6.0 = 5.6.0 (CPE version) — affected'],
    ['5.4.6', { criteria: 'cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*', vulnerable: true }, 'not-affected', 'is not 5.6.0'],
    ['4.3.2', { criteria: 'cpe:2.3:a:ffmpeg:ffmpeg:4.3.2:*:*:*:*:*:*:*', vulnerable: true }, 'affected', 'CPE version'],
    // The update field carries pre-releases (feed/CVE-2015-1789.json, single/CVE-2022-29194.json, feed/CVE-2019-10160.json).
    ['1.0.0-beta1', { criteria: 'cpe:2.3:a:openssl:openssl:1.0.0:beta1:*:*:*:*:*:*', vulnerable: true }, 'affected', '= 1.0.0-beta1'],
    ['1.0.0', { criteria: 'cpe:2.3:a:openssl:openssl:1.0.0:beta1:*:*:*:*:*:*', vulnerable: true }, 'not-affected', 'is not 1.0.0-beta1'],
    ['1.0.0a', { criteria: 'cpe:2.3:a:openssl:openssl:1.0.0a:*:*:*:*:*:*:*', vulnerable: true }, 'affected', 'CPE version'],
    ['2.9.0rc1', { criteria: 'cpe:2.3:a:google:tensorflow:2.9.0:rc1:*:*:*:*:*:*', vulnerable: true }, 'affected', 'CPE version'],
    ['3.8.0-alpha4', { criteria: 'cpe:2.3:a:python:python:3.8.0:alpha4:*:*:*:*:*:*', vulnerable: true }, 'affected', 'CPE version'],
    // CVE 5 `cpes` entries: no vulnerable flag, possibly a shortened version or CPE 2.2 (CVE-2024-32002.json, CVE-2024-3094.json).
    ['2.43.0', { criteria: 'cpe:2.3:a:git:git:2.43:*:*:*:*:*:*:*' }, 'affected', 'CPE version'],
    ['10', { criteria: 'cpe:/o:redhat:enterprise_linux:10' }, 'affected', 'CPE version'],
    // A series written into the version.
    ['1.1.1w', { criteria: 'cpe:2.3:a:openssl:openssl:1.1.1*:*:*:*:*:*:*:*' }, 'affected', '1.1.1w = 1.1.1*'],
    ['1.1.10', { criteria: 'cpe:2.3:a:openssl:openssl:1.1.1*:*:*:*:*:*:*:*' }, 'not-affected', 'is not 1.1.1*'],
    // '*' with range fields (single/CVE-2018-1000500.json, CVE-2016-1585.json, CVE-2020-13595.json, feed/CVE-2015-1789.json, CVE-2023-4863.json).
    ['1.31.1', { criteria: 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*', vulnerable: true, versionEndExcluding: '1.32.0' }, 'affected', '1.31.1 in < 1.32.0 — affected'],
    ['1.32.0', { criteria: 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*', vulnerable: true, versionEndExcluding: '1.32.0' }, 'not-affected', 'outside < 1.32.0'],
    ['1.32', { criteria: 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*', vulnerable: true, versionEndExcluding: '1.32.0' }, 'not-affected', 'outside < 1.32.0'],
    ['3.0.11', { criteria: 'cpe:2.3:a:canonical:apparmor:*:*:*:*:*:*:*:*', vulnerable: true, versionStartIncluding: '3.0.0', versionEndExcluding: '3.0.12' }, 'affected', 'in >= 3.0.0, < 3.0.12'],
    ['3.0.12', { criteria: 'cpe:2.3:a:canonical:apparmor:*:*:*:*:*:*:*:*', vulnerable: true, versionStartIncluding: '3.0.0', versionEndExcluding: '3.0.12' }, 'not-affected', 'outside'],
    ['2.13.9', { criteria: 'cpe:2.3:a:canonical:apparmor:*:*:*:*:*:*:*:*', vulnerable: true, versionStartIncluding: '3.0.0', versionEndExcluding: '3.0.12' }, 'not-affected', 'outside'],
    ['4.2', { criteria: 'cpe:2.3:a:espressif:esp-idf:*:*:*:*:*:*:*:*', vulnerable: true, versionStartIncluding: '4.0.0', versionEndIncluding: '4.2' }, 'affected', 'in >= 4.0.0, <= 4.2'],
    ['4.0', { criteria: 'cpe:2.3:a:espressif:esp-idf:*:*:*:*:*:*:*:*', vulnerable: true, versionStartIncluding: '4.0.0', versionEndIncluding: '4.2' }, 'affected', 'in >= 4.0.0, <= 4.2'],
    ['4.2.1', { criteria: 'cpe:2.3:a:espressif:esp-idf:*:*:*:*:*:*:*:*', vulnerable: true, versionStartIncluding: '4.0.0', versionEndIncluding: '4.2' }, 'not-affected', 'outside'],
    ['0.9.8zf', { criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', vulnerable: true, versionEndIncluding: '0.9.8zf' }, 'affected', 'in <= 0.9.8zf'],
    ['0.9.8zg', { criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', vulnerable: true, versionEndIncluding: '0.9.8zf' }, 'not-affected', 'outside'],
    ['116.0.5845.180', { criteria: 'cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*', vulnerable: true, versionEndExcluding: '116.0.5845.187' }, 'affected', 'in < 116.0.5845.187'],
    ['1.0', { criteria: 'cpe:2.3:a:example:example:*:*:*:*:*:*:*:*', vulnerable: true, versionStartExcluding: '1.0', versionEndExcluding: '2.0' }, 'not-affected', 'outside > 1.0, < 2.0'],
    ['1.0.1', { criteria: 'cpe:2.3:a:example:example:*:*:*:*:*:*:*:*', vulnerable: true, versionStartExcluding: '1.0', versionEndExcluding: '2.0' }, 'affected', 'in > 1.0, < 2.0'],
    ['1.0.1', { criteria: 'cpe:2.3:a:example:example:*:*:*:*:*:*:*:*', vulnerable: true, versionStartExcluding: '2.0', versionEndExcluding: '2.0' }, 'unknown', 'is empty'],
    ['1.0.1', { criteria: 'cpe:2.3:a:example:example:*:*:*:*:*:*:*:*', vulnerable: true, versionEndExcluding: 'n/a' }, 'unknown', 'cannot read the range'],
    // A pre-release of the fixed version is still before the fix.
    ['6.8-rc3', { criteria: 'cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*', vulnerable: true, versionStartIncluding: '3.15', versionEndExcluding: '6.8' }, 'affected', 'in >= 3.15, < 6.8'],
    // '*' with no range: all versions (single/CVE-2022-33745.json).
    ['4.17.0', { criteria: XEN, vulnerable: true }, 'affected', 'all versions'],
    // '-' (NA): says nothing about versions (single/CVE-2022-2956.json).
    ['1.0', { criteria: 'cpe:2.3:a:noxen_project:noxen:-:*:*:*:*:*:*:*', vulnerable: true }, 'unknown', 'not applicable'],
    // vulnerable:false is a platform (single/CVE-2020-13595.json, feed/CVE-2010-0748.json).
    ['1.0', { criteria: 'cpe:2.3:h:espressif:esp32:-:*:*:*:*:*:*:*', vulnerable: false }, 'unknown', 'vulnerable: false'],
    ['6.1.70', { criteria: 'cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*', vulnerable: false, versionEndExcluding: '6.8' }, 'unknown', 'not a vulnerability statement'],
    // What cannot be read.
    ['1.0', { criteria: 'cpe:2.3:a:broken' }, 'unknown', 'cannot parse'],
    ['0-unstable-2024-05-02', { criteria: XEN, vulnerable: true }, 'unknown', 'unstable snapshot'],
    ['2024-01-01', { criteria: 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*', versionEndExcluding: '1.32.0' }, 'unknown', 'is a date'],
  ])('%s against %j → %s', (version, match, verdict, reason) => {
    const finding = cpeMatchVerdict(version, match);
    expect(finding.verdict).toBe(verdict);
    expect(finding.reason).toContain(reason);
  });

  it.each<[version: string, match: Match, rule: string, basis: string]>([
    ['1.31.1', { criteria: 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*', versionEndExcluding: '1.32.0' }, 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* (< 1.32.0)', 'listed'],
    ['1.32.1', { criteria: 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*', versionEndExcluding: '1.32.0' }, 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* (< 1.32.0)', 'unlisted'],
    ['5.6.0', { criteria: 'cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*' }, 'cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*', 'listed'],
    ['4.17.0', { criteria: XEN, versionStartIncluding: null, versionEndExcluding: null }, XEN, 'all-versions'],
    ['unstable-2024-01-01', { criteria: XEN }, XEN, 'none'],
  ])('%s against %j has rule %j and basis %s', (version, match, rule, basis) => {
    expect(cpeMatchVerdict(version, match)).toMatchObject({ rule, basis });
  });
});

describe('combineFindings', () => {
  const f = (verdict: VersionVerdict, basis: VersionFinding['basis'], name: string): VersionFinding => ({
    verdict,
    basis,
    reason: name,
    rule: `rule ${name}`,
  });
  const listedAffected = f('affected', 'listed', 'A');
  const listedNot = f('not-affected', 'listed', 'N');
  const defaultAffected = f('affected', 'default', 'dA');
  const defaultNot = f('not-affected', 'default', 'dN');
  const unlistedNot = f('not-affected', 'unlisted', 'uN');
  const allVersions = f('affected', 'all-versions', 'all');
  const unknown = f('unknown', 'none', 'U');
  const defaultUnknown = f('unknown', 'default', 'dU');
  const noBasis = { verdict: 'not-affected', reason: 'plain', rule: null } satisfies VersionFinding;

  it.each<[name: string, findings: VersionFinding[], verdict: VersionVerdict, deciding: VersionFinding[]]>([
    ['nothing', [], 'unknown', []],
    ['one listed affected', [listedAffected], 'affected', [listedAffected]],
    ['listed affected beats listed not-affected', [listedNot, listedAffected], 'affected', [listedAffected]],
    ['listed not-affected beats a default affected', [defaultAffected, listedNot], 'not-affected', [listedNot]],
    ['a default affected stands against unlisted/default not-affected', [defaultAffected, unlistedNot, defaultNot], 'affected', [defaultAffected]],
    ['a default affected stands against unknown', [defaultAffected, unknown], 'affected', [defaultAffected]],
    ['a bare * CPE yields to a default not-affected', [allVersions, defaultNot], 'not-affected', [defaultNot]],
    ['a bare * CPE yields to a version placed as unknown', [allVersions, defaultUnknown], 'unknown', [defaultUnknown]],
    ['a bare * CPE alone is affected', [allVersions, unknown], 'affected', [allVersions]],
    ['listed not-affected beats unknown', [unknown, listedNot], 'not-affected', [listedNot]],
    ['all not-affected, none listed', [unlistedNot, defaultNot], 'not-affected', [unlistedNot, defaultNot]],
    ['unlisted not-affected with unknown stays unknown', [unlistedNot, unknown], 'unknown', [unknown]],
    ['only unknown', [unknown], 'unknown', [unknown]],
    ['a finding without basis counts as listed', [defaultAffected, noBasis], 'not-affected', [noBasis]],
  ])('%s', (_name, findings, verdict, deciding) => {
    const combined = combineFindings(findings);
    expect(combined.verdict).toBe(verdict);
    expect(combined.deciding).toEqual(deciding);
  });

  it('names the deciding rules and reasons, and what contradicted them', () => {
    const combined = combineFindings([listedAffected, listedNot, f('affected', 'listed', 'B')]);
    expect(combined).toMatchObject({
      verdict: 'affected',
      basis: 'listed',
      rule: 'rule A; rule B',
      reason: 'A; B (contradicted by: N)',
    });
    expect(combineFindings([])).toMatchObject({ verdict: 'unknown', rule: null, basis: 'none' });
  });

  describe('on real records', () => {
    const kernel = (version: string) =>
      combineFindings([affectedEntryVerdict(version, ENTRIES.kernelGit), affectedEntryVerdict(version, ENTRIES.kernelSemver)]);

    it.each<[version: string, verdict: VersionVerdict]>([
      ['6.1.70', 'not-affected'],
      ['6.1.80', 'not-affected'],
      ['6.6.10', 'not-affected'],
      ['5.10.1', 'not-affected'],
      ['6.12.5', 'affected'],
      ['6.12.10', 'not-affected'],
    ])('CVE-2025-21631: Linux %s is %s', (version, verdict) => {
      expect(kernel(version).verdict).toBe(verdict);
    });

    const xzNvd = ['5.6.0', '5.6.1'].map((v) => ({ criteria: `cpe:2.3:a:tukaani:xz:${v}:*:*:*:*:*:*:*`, vulnerable: true }));
    const xz = (version: string) =>
      combineFindings([affectedEntryVerdict(version, ENTRIES.xz), ...xzNvd.map((match) => cpeMatchVerdict(version, match))]);

    it.each<[version: string, verdict: VersionVerdict]>([
      ['5.6.1', 'affected'],
      ['5.6.0', 'affected'],
      ['5.4.6', 'not-affected'],
      ['5.6.2', 'not-affected'],
    ])('CVE-2024-3094: xz %s is %s (CNA and NVD)', (version, verdict) => {
      expect(xz(version).verdict).toBe(verdict);
    });

    // CVE-2024-32002.json ADP affected[6]: a range plus a bare '*' CPE naming the product.
    const gitAdpLast = entry('unknown', [{ version: '0', status: 'affected', lessThan: '2.39.4', versionType: 'custom' }]);
    const git = (version: string) =>
      combineFindings([
        affectedEntryVerdict(version, ENTRIES.gitCna),
        affectedEntryVerdict(version, gitAdpLast),
        cpeMatchVerdict(version, { criteria: 'cpe:2.3:a:git:git:*:*:*:*:*:*:*:*' }),
      ]);

    it.each<[version: string, verdict: VersionVerdict]>([
      ['2.39.3', 'affected'],
      ['2.45.0', 'affected'],
      ['2.39.4', 'unknown'], // the bare '*' CPE does not make it affected; nothing says it is fixed either
    ])('CVE-2024-32002: git %s is %s (CNA, ADP and its CPE)', (version, verdict) => {
      expect(git(version).verdict).toBe(verdict);
    });
  });
});

describe('normaliseVersion', () => {
  it.each<[raw: string, normalised: string | null]>([
    ['1.2.3', '1.2.3'],
    ['  1.2.3  ', '1.2.3'],
    ['v1.2.3', '1.2.3'],
    ['V2.0', '2.0'],
    ['curl 7.61.0', '7.61.0'],
    ['Firefox ESR 115.16.1', '115.16.1'],
    ['OpenSSL v3.0.0', '3.0.0'],
    ['log4j-core*', '*'], // CVE-2021-44228: the product name, then "no bound"
    ['0', '0'],
    ['*', '*'],
    ['all', '*'],
    ['ALL', '*'],
    ['2.x', '2.*'],
    ['2.X', '2.*'],
    ['2.x.x', '2.*'],
    ['6.1.*', '6.1.*'],
    ['1.1.1*', '1.1.1*'],
    ['2.0-beta9', '2.0-beta9'],
    ['9.1R18', '9.1R18'],
    ['1.1.1zb', '1.1.1zb'],
    ['2023.06.17', '2023.06.17'],
    ['0-unstable-2024-05-02', '0-unstable-2024-05-02'],
    ['n/a', null],
    ['N/A', null],
    ['unspecified', null],
    ['unknown', null],
    ['-', null],
    ['', null],
    ['   ', null],
    ['unstable-2024-01-01', null],
    ['before 1.2', null],
    ['1.2 and earlier', null],
    ['>= 1.0', null],
    ['1.*.3', null],
    ['63a07379fdb6c72450cb05294461c6016b8b7726', '63a07379fdb6c72450cb05294461c6016b8b7726'], // looks like a version; versionType tells
  ])('%j → %j', (raw, normalised) => {
    expect(normaliseVersion(raw)).toBe(normalised);
  });
});

describe('releaseLineFixes: open-ended ranges as one fix per release line', () => {
  // CVE-2024-9680 (shared/data/cve): the CNA's three Thunderbird entries, one range each, and CISA-ADP's one entry with all three.
  const cna = [
    entry(null, [{ version: 'unspecified', lessThan: '131.0.1', status: 'affected', versionType: 'custom' }]),
    entry(null, [{ version: 'unspecified', lessThan: '128.3.1', status: 'affected', versionType: 'custom' }]),
    entry(null, [{ version: 'unspecified', lessThan: '115.16.0', status: 'affected', versionType: 'custom' }]),
  ];
  const adp = entry('unknown', ['131.0.1', '128.3.1', '115.16.0'].map((lessThan) => ({ version: '0', lessThan, status: 'affected', versionType: 'custom' })));
  const verdictOf = (version: string, entries: Entry[]) => {
    const lines = releaseLineFixes(entries);
    return combineFindings(entries.map((e) => affectedEntryVerdict(version, e, lines))).verdict;
  };

  it.each([
    ['128.14.0esr', 'not-affected'], // past 128.3.1, the fix of line 128, though below 131.0.1
    ['128.2.0esr', 'affected'],
    ['128.3.1', 'not-affected'],
    ['129.0', 'affected'], // no fix of its own line: below 131.0.1
    ['131.0.1', 'not-affected'],
    ['143.0', 'not-affected'],
    ['115.15.0', 'affected'],
    ['115.16.0', 'not-affected'],
    ['102.15.1', 'affected'], // an older, unlisted line
  ] as [string, VersionVerdict][])('Thunderbird %s → %s (CNA and ADP entries alike)', (version, verdict) => {
    expect(verdictOf(version, cna)).toBe(verdict);
    expect(verdictOf(version, [adp])).toBe(verdict);
    expect(verdictOf(version, [...cna, adp])).toBe(verdict);
  });

  it('the explanation names the line, its fix and every bound', () => {
    const finding = affectedEntryVerdict('128.14.0esr', adp, releaseLineFixes([adp]));
    expect(finding).toMatchObject({ verdict: 'not-affected', basis: 'listed', rule: '>= 0, < 131.0.1 (release line 128: < 128.3.1)' });
    expect(finding.reason).toBe('128.14.0esr is past 128.3.1, the fix of its release line 128 (the record gives one fix per line: < 131.0.1, < 128.3.1, < 115.16.0) — unaffected');
  });

  it('lines of two numbers when the majors are shared (made up, as git backports: < 2.45.1, < 2.44.1, < 2.43.4)', () => {
    const git = [entry(null, ['2.45.1', '2.44.1', '2.43.4'].map((lessThan) => ({ version: '0', lessThan, status: 'affected' })))];
    expect(['2.44.5', '2.44.0', '2.43.4', '2.42.0', '2.46.0'].map((v) => verdictOf(v, git))).toEqual(['not-affected', 'affected', 'not-affected', 'affected', 'not-affected']);
  });

  it.each([
    ['a single range', [{ version: '0', lessThan: '131.0.1', status: 'affected' }]],
    ['bounds no shorter run of numbers tells apart (< 1.2, < 1.2.5)', [{ version: '0', lessThan: '1.2', status: 'affected' }, { version: '0', lessThan: '1.2.5', status: 'affected' }]],
    ['ranges with lower bounds', [{ version: '128.0', lessThan: '128.3.1', status: 'affected' }, { version: '131.0', lessThan: '131.0.1', status: 'affected' }]],
  ])('no release lines from %s: the ranges are read as written', (_what, items) => {
    expect(releaseLineFixes([entry(null, items)])).toBeNull();
  });

  it('without release lines, "< 131.0.1" still covers 128.14.0esr (the union the schema describes)', () => {
    expect(affectedEntryVerdict('128.14.0esr', adp).verdict).toBe('affected');
  });
});
