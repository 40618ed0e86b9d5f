import { parseNvdPage } from './nvd-page';

const cve = (id: string) => ({ cve: { id } });
const body = (fields: Record<string, unknown>) =>
  JSON.stringify({
    startIndex: 0,
    totalResults: 2,
    timestamp: '2023-10-18T18:04:18.493',
    vulnerabilities: [cve('CVE-1'), cve('CVE-2')],
    ...fields,
  });
const requested = { startIndex: 0, resultsPerPage: 2 };

describe('parseNvdPage', () => {
  it('returns the cve objects and reads the zoneless timestamp as UTC', () => {
    expect(parseNvdPage(body({}), requested)).toEqual({
      page: {
        startIndex: 0,
        totalResults: 2,
        vulnerabilities: [{ id: 'CVE-1' }, { id: 'CVE-2' }],
        timestamp: new Date('2023-10-18T18:04:18.493Z'),
      },
    });
  });

  it('accepts a short last page and an empty result', () => {
    const lastPage = body({ startIndex: 2, totalResults: 3, vulnerabilities: [cve('CVE-3')] });
    expect(parseNvdPage(lastPage, { startIndex: 2, resultsPerPage: 2 })).toHaveProperty('page');
    expect(parseNvdPage(body({ totalResults: 0, vulnerabilities: [] }), requested)).toHaveProperty('page');
  });

  it.each([
    ['cut-off JSON', body({}).slice(0, 40), /not valid JSON/],
    ['no totalResults', body({ totalResults: undefined }), /no totalResults/],
    ['another startIndex', body({ startIndex: 2 }), /startIndex 2 differs/],
    ['no vulnerabilities', body({ vulnerabilities: undefined }), /no vulnerabilities array/],
    ['too few vulnerabilities', body({ vulnerabilities: [cve('CVE-1')] }), /1 vulnerabilities, expected 2 of 2/],
    ['an entry without cve', body({ vulnerabilities: [cve('CVE-1'), {}] }), /no cve object/],
    ['no timestamp', body({ timestamp: undefined }), /no valid timestamp/],
  ])('rejects %s', (_name, text, problem) => {
    const result = parseNvdPage(text, requested);
    expect('problem' in result && result.problem).toMatch(problem);
  });
});
