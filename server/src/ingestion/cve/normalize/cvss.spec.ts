import type { CvssVersion } from '../normalized-cve';
import { cvssSeverity, InvalidCvssVectorError, parseCvss } from './cvss';

describe('parseCvss', () => {
  // Expected scores are the ones FIRST's formulas give; the "published by" column names the real
  // record (fixture or cisagov/vulnrichment @b0ed758) that publishes the same score for the vector.
  it.each<[CvssVersion, string, number, string, string]>([
    ['2.0', 'AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5, 'HIGH', 'NVD for CVE-2016-1585 (test/fixtures/nvd/single)'],
    ['2.0', 'AV:L/AC:L/Au:N/C:N/I:N/A:P', 2.1, 'LOW', 'NVD for CVE-2022-29194'],
    ['2.0', 'AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3, 'MEDIUM', 'NVD for CVE-2017-6507'],
    ['2.0', 'AV:L/AC:L/Au:M/C:P/I:N/A:N', 1.4, 'LOW', 'VulDB for CVE-2024-9040 (fixtures/cve/vulnrichment)'],
    ['2.0', 'AV:N/AC:L/Au:N/C:C/I:C/A:C', 10, 'HIGH', 'CVSS v2 guide example CVE-2003-0818'],
    ['3.0', 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N', 5.9, 'MEDIUM', 'NVD for CVE-2017-6507'],
    ['3.0', 'CVSS:3.0/AV:L/AC:H/PR:H/UI:N/S:U/C:L/I:L/A:L', 3.9, 'LOW', 'Ubuntu for CVE-2016-1585'],
    ['3.0', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'CRITICAL', 'Red Hat for CVE-2019-10160'],
    ['3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10, 'CRITICAL', 'Red Hat for CVE-2024-3094'],
    ['3.1', 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8, 'HIGH', 'Google for CVE-2024-1086'],
    ['3.1', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:L/A:N', 4.3, 'MEDIUM', 'CISA-ADP for CVE-2024-9143'],
    // GitHub's CVE-2024-32002 record (fixtures/cve) publishes 9.1 for this vector; the 3.1 formula gives 9.0.
    ['3.1', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H', 9, 'CRITICAL', 'GitHub for CVE-2024-47177 (nvd/single)'],
    ['3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'NONE', 'the formula: no impact'],
    ['4.0', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3, 'CRITICAL', 'GitHub for CVE-2024-47074'],
    ['4.0', 'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5, 'HIGH', 'SUSE for CVE-2023-32190'],
    ['4.0', 'CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', 4.6, 'MEDIUM', 'VulDB for CVE-2024-9040'],
    // A threat metric lowers the one CVSS 4.0 score (CVSS-BT); 9.3 without E:U.
    ['4.0', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U', 8.1, 'HIGH', 'GitHub for CVE-2024-48918'],
  ])('CVSS %s %s → %d %s (%s)', (version, vector, baseScore, severity) => {
    expect(parseCvss(version, vector)).toEqual({ baseScore, severity });
  });

  it('scores the base metrics of v2/v3 vectors that carry temporal metrics', () => {
    expect(parseCvss('3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U').baseScore).toBe(9.8);
    expect(parseCvss('2.0', 'AV:N/AC:L/Au:N/C:C/I:C/A:C/E:U/RL:OF/RC:UC').baseScore).toBe(10);
  });

  it.each<[string, CvssVersion, string, RegExp]>([
    ['not a vector', '3.1', 'garbage', /must start with CVSS:3.1\//],
    ['not a v2 vector', '2.0', 'garbage', /malformed component 'garbage'/],
    ['empty', '3.1', '', /must start with CVSS:3.1\//],
    ['a 3.0 vector declared as 3.1', '3.1', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /must start with CVSS:3.1\//],
    ['a 3.1 vector declared as 4.0', '4.0', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /must start with CVSS:4.0\//],
    ['a v2 vector with a prefix', '2.0', 'CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C', /no CVSS: prefix/],
    ['a missing base metric', '3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', /base metrics incomplete/],
    ['an undefined (X) base metric', '3.1', 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /base metrics incomplete/],
    ['a repeated metric', '3.1', 'CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /metric AV given twice/],
    ['an unknown metric', '3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/FOO:B', /Unknown component FOO/],
    ['an unknown value', '3.1', 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /AV/],
    ['a trailing slash', '3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', /malformed component ''/],
    ['lower case', '3.1', 'CVSS:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h', /av/],
    ['v2 in parentheses', '2.0', '(AV:N/AC:L/Au:N/C:C/I:C/A:C)', /malformed component/],
  ])('rejects %s', (_name, version, vector, problem) => {
    const parse = () => parseCvss(version, vector);
    expect(parse).toThrow(InvalidCvssVectorError);
    expect(parse).toThrow(problem);
  });
});

describe('cvssSeverity', () => {
  it.each<[number, string, string]>([
    [0, 'LOW', 'NONE'],
    [0.1, 'LOW', 'LOW'],
    [3.9, 'LOW', 'LOW'],
    [4, 'MEDIUM', 'MEDIUM'],
    [6.9, 'MEDIUM', 'MEDIUM'],
    [7, 'HIGH', 'HIGH'],
    [8.9, 'HIGH', 'HIGH'],
    [9, 'HIGH', 'CRITICAL'],
    [10, 'HIGH', 'CRITICAL'],
  ])('%d is %s in CVSS 2.0 and %s in 3.x/4.0', (score, v2, v3) => {
    expect(cvssSeverity('2.0', score)).toBe(v2);
    for (const version of ['3.0', '3.1', '4.0'] as const) expect(cvssSeverity(version, score)).toBe(v3);
  });
});
