import request from 'supertest';
import { startWorld, World } from './support';

/** Published advisories for everyone: the REST list (filters by CVE and package) and the Atom feed. */
describe('advisories: REST list and Atom feed', () => {
  let w: World;
  let publicId: string;
  beforeAll(async () => {
    w = await startWorld();
    const accept = async (cve: string) => (await w.as.sam(`mutation ($ids: [ID!]!) { acceptSuggestions(ids: $ids) { id version } }`, { ids: [await w.suggestionId(cve)] })).data.acceptSuggestions;
    const openssl = await accept('CVE-2024-9143');
    await w.as.sam(`mutation ($id: ID!, $v: Int!) { updateAdvisory(id: $id, version: $v, input: { title: "openssl: out-of-bounds <memory> access & more" }) { id } }`, { id: openssl.id, v: openssl.version });
    const published = await w.as.sam(`mutation ($id: ID!, $v: Int!) { publishAdvisory(id: $id, version: $v) { publicId } }`, { id: openssl.id, v: openssl.version + 1 });
    publicId = published.data.publishAdvisory.publicId;
    await accept('CVE-2023-38545'); // stays a draft: never public
  });
  afterAll(() => w?.close());

  it('GET /api/v1/advisories lists published advisories, filtered by CVE or package, never drafts', async () => {
    const all = await request(w.t.url).get('/api/v1/advisories').expect(200);
    expect(all.body.advisories.map((a: any) => a.id)).toEqual([publicId]);
    expect(all.body.advisories[0]).toMatchObject({
      id: publicId, state: 'published', cves: ['CVE-2024-9143'], channels: [{ channel: 'nixos-unstable', status: 'affected' }],
      packages: [{ attr: 'openssl', versions: expect.arrayContaining([expect.objectContaining({ channel: 'nixos-unstable', verdict: 'affected' })]) }],
      issue: expect.stringMatching(/^https:\/\/github.com\/NixOS\/nixpkgs\/issues\/\d+$/), url: expect.stringContaining(`/advisories/${publicId}`),
    });
    expect((await request(w.t.url).get('/api/v1/advisories?cve=cve-2024-9143').expect(200)).body.advisories).toHaveLength(1);
    expect((await request(w.t.url).get('/api/v1/advisories?package=openssl').expect(200)).body.advisories).toHaveLength(1);
    expect((await request(w.t.url).get('/api/v1/advisories?package=curl').expect(200)).body.advisories).toEqual([]);
    const bad = await request(w.t.url).get('/api/v1/advisories?cve=openssl').expect(400);
    expect(bad.body).toMatchObject({ error: 'BAD_USER_INPUT', message: 'cve: "openssl" is not a CVE id such as CVE-2024-3094.' });
  });

  it('GET /advisories.atom is an Atom feed of the same, with text escaped', async () => {
    const res = await request(w.t.url).get('/advisories.atom').expect(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(res.text.match(/<entry>/g)).toHaveLength(1);
    expect(res.text).toContain(`<title>${publicId}: openssl: out-of-bounds &lt;memory&gt; access &amp; more</title>`);
    expect(res.text).toContain('<category term="CVE-2024-9143"/>');
    expect(res.text).not.toContain('CVE-2023-38545');
  });
});
