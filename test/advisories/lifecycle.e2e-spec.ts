import { ADVISORY, REPOSITORY, startWorld, USERS, World } from './support';

const ACCEPT = `mutation ($ids: [ID!]!, $into: ID, $version: Int) { acceptSuggestions(ids: $ids, intoAdvisoryId: $into, version: $version) { ${ADVISORY} } }`;
const DISMISS = `mutation ($ids: [ID!]!, $reason: String!, $comment: String) { dismissSuggestions(ids: $ids, reason: $reason, comment: $comment) { changed skipped { id message } } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishAdvisory(id: $id, version: $version) { ${ADVISORY} } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: AdvisoryInput!) { updateAdvisory(id: $id, version: $version, input: $input) { id version title severityOverride } }`;
const STATUS = `query ($c: String!) { suggestion(cveId: $c) { status advisoryId dismissalReason dismissalDetail dismissedBy version } }`;

/** The security team's workflow through GraphQL, as the right roles: queue → draft → GitHub issue → archived. */
describe('advisories: from suggestion to published GitHub issue', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(() => w?.close());

  it('dismiss with a reason, restore, and refuse an illegal transition with a clear error', async () => {
    const id = await w.suggestionId('CVE-2023-38545');
    const dismissed = await w.as.sam(DISMISS, { ids: [id], reason: 'not-affected', comment: 'curl in Nixpkgs is built without SOCKS5 hostname resolution' });
    expect(dismissed.errors).toBeUndefined();
    expect(dismissed.data.dismissSuggestions).toEqual({ changed: [id], skipped: [] });
    expect((await w.as.sam(STATUS, { c: 'CVE-2023-38545' })).data.suggestion).toMatchObject({ status: 'dismissed', dismissalReason: 'not-affected', dismissedBy: 'sam' });

    const again = await w.as.tina(DISMISS, { ids: [id], reason: 'duplicate' });
    expect(again.data.dismissSuggestions.changed).toEqual([]);
    expect(again.data.dismissSuggestions.skipped[0].message).toMatch(/CVE-2023-38545 is dismissed and cannot become dismissed: restore it first/);

    const accept = await w.as.sam(ACCEPT, { ids: [id] });
    expect(accept.errors?.[0]).toMatchObject({ message: expect.stringMatching(/is dismissed and cannot become accepted/), extensions: { code: 'ILLEGAL_TRANSITION' } });

    const bad = await w.as.sam(DISMISS, { ids: [id], reason: 'meh' });
    expect(bad.errors?.[0]).toMatchObject({ message: expect.stringMatching(/"meh" is not a dismissal reason: use one of not-for-us, not-affected/), extensions: { code: 'BAD_USER_INPUT' } });

    const restored = await w.as.sam(`mutation ($ids: [ID!]!) { restoreSuggestions(ids: $ids) { changed } }`, { ids: [id] });
    expect(restored.data.restoreSuggestions.changed).toEqual([id]);
    expect((await w.as.sam(STATUS, { c: 'CVE-2023-38545' })).data.suggestion).toMatchObject({ status: 'pending', dismissalReason: null });
  });

  it('the database itself refuses an illegal transition, whoever writes', async () => {
    const id = await w.suggestionId('CVE-2023-38545');
    const { DataSource } = await import('typeorm');
    const ds = w.t.app.get(DataSource);
    await expect(ds.query(`UPDATE suggestion SET status = 'accepted' WHERE id = $1`, [id])).rejects.toThrow(/accepted_advisory_check|cannot go from/);
    await ds.query(`UPDATE suggestion SET status = 'dismissed', dismissal_reason = 'x', dismissed_by = 'psql' WHERE id = $1`, [id]);
    await expect(ds.query(`UPDATE suggestion SET status = 'accepted', advisory_id = NULL WHERE id = $1`, [id])).rejects.toThrow(/cannot go from dismissed to accepted/);
    await ds.query(`UPDATE suggestion SET status = 'pending', dismissal_reason = NULL, dismissed_by = NULL WHERE id = $1`, [id]);
  });

  it('accept → draft with packages, per-channel status and maintainers; edit; publish one GitHub issue; archive and reopen by webhook', async () => {
    const id = await w.suggestionId('CVE-2024-9143');
    const accepted = await w.as.sam(ACCEPT, { ids: [id] });
    expect(accepted.errors).toBeUndefined();
    const draft = accepted.data.acceptSuggestions;
    expect(draft).toMatchObject({ state: 'draft', publicId: null, cveIds: ['CVE-2024-9143'], createdBy: 'sam', issueNumber: null });
    expect(draft.title).toMatch(/^openssl: /);
    expect(draft.packages.map((p: any) => p.attr)).toEqual(['openssl']);
    expect(draft.packages[0].links.length).toBeGreaterThan(0);
    expect(draft.channels).toEqual([{ channel: 'nixos-unstable', status: 'affected' }]);
    expect(draft.maintainers).toEqual([{ githubId: USERS.thillux, login: 'thillux', source: 'package', ping: true }]);
    expect((await w.as.sam(STATUS, { c: 'CVE-2024-9143' })).data.suggestion).toMatchObject({ status: 'accepted', advisoryId: draft.id });

    // Anonymous callers see no drafts; the security team and maintainers do.
    expect((await w.anonymous(`query ($id: ID!) { advisory(id: $id) { id } }`, { id: draft.id })).data.advisory).toBeNull();
    expect((await w.as.thillux(`query ($id: ID!) { advisory(id: $id) { id } }`, { id: draft.id })).data.advisory).toEqual({ id: draft.id });

    const edited = await w.as.sam(UPDATE, { id: draft.id, version: draft.version, input: { title: 'openssl: low-level GF(2^m) APIs may read out of bounds', severityOverride: 'low' } });
    expect(edited.errors).toBeUndefined();
    expect(edited.data.updateAdvisory).toMatchObject({ version: draft.version + 1, severityOverride: 'low' });

    const added = await w.as.sam(`mutation ($id: ID!, $v: Int!) { addAdvisoryMaintainer(id: $id, version: $v, login: "@mia") { version maintainers { githubId login source } } }`, { id: draft.id, v: draft.version + 1 });
    expect(added.errors).toBeUndefined();
    expect(added.data.addAdvisoryMaintainer.maintainers).toContainEqual({ githubId: USERS.mia, login: 'mia', source: 'manual' });
    const unknown = await w.as.sam(`mutation ($id: ID!, $v: Int!) { addAdvisoryMaintainer(id: $id, version: $v, login: "no-such-person") { version } }`, { id: draft.id, v: draft.version + 2 });
    expect(unknown.errors?.[0].message).toMatch(/GitHub has no user "no-such-person"/);

    const published = await w.as.sam(PUBLISH, { id: draft.id, version: draft.version + 2 });
    expect(published.errors).toBeUndefined();
    const advisory = published.data.publishAdvisory;
    const year = new Date().getUTCFullYear();
    expect(advisory).toMatchObject({ state: 'published', publicId: `NIXPKGS-${year}-0001`, repository: REPOSITORY, issueNumber: expect.any(Number) });

    const issues = w.fake.github.issues(REPOSITORY);
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue.labels).toEqual(['1.severity: security']);
    expect(issue.title).toContain(`NIXPKGS-${year}-0001`);
    expect(issue.body).toContain('[NVD](https://nvd.nist.gov/vuln/detail/CVE-2024-9143)');
    expect(issue.body).toContain('[cve.org](https://www.cve.org/CVERecord?id=CVE-2024-9143)');
    expect(issue.body).toContain(`/advisories/NIXPKGS-${year}-0001)`);
    expect(issue.body).toMatch(/\| `openssl` \| nixos-unstable \| [^|]+ \| affected \|/);
    expect(issue.body).toContain('Maintainers: @mia @thillux');
    expect(issue.body).toContain('severity: **low**');
    expect(issue.body).toMatch(/<details><summary>CVSS<\/summary>/);

    // Public: anonymous readers find it by its public id.
    const publicView = await w.anonymous(`query ($p: String!) { advisory(publicId: $p) { state title cveIds } }`, { p: advisory.publicId });
    expect(publicView.data.advisory).toMatchObject({ state: 'published', cveIds: ['CVE-2024-9143'] });

    // Publishing again is a no-op that answers the same advisory.
    const twice = await w.as.sam(PUBLISH, { id: draft.id, version: advisory.version });
    expect(twice.data.publishAdvisory).toMatchObject({ issueNumber: advisory.issueNumber });
    expect(w.fake.github.issues(REPOSITORY)).toHaveLength(1);

    const hook = (action: string, state: string) => ({ action, issue: { number: issue.number, state }, repository: { id: 1, full_name: REPOSITORY }, sender: { id: 9, login: 'vcunat' } });
    expect((await w.webhook('issues', hook('closed', 'closed'))).status).toBe(200);
    const archived = await w.anonymous(`query ($p: String!) { advisory(publicId: $p) { state archivedAt activity { actor action } } }`, { p: advisory.publicId });
    expect(archived.data.advisory).toMatchObject({ state: 'archived', archivedAt: expect.any(String) });
    expect(archived.data.advisory.activity[0]).toEqual({ actor: "github:vcunat", action: "advisory.archived" });
    expect((await w.webhook('issues', hook('reopened', 'open'))).status).toBe(200);
    const reopened = await w.anonymous(`query ($p: String!) { advisory(publicId: $p) { state archivedAt } }`, { p: advisory.publicId });
    expect(reopened.data.advisory).toEqual({ state: 'published', archivedAt: null });

    // Every step is in the advisory's activity log with its actor.
    const log = await w.as.sam(`query ($id: ID!) { advisory(id: $id) { activity { actor action } } }`, { id: draft.id });
    expect(log.data.advisory.activity.map((e: any) => `${e.actor} ${e.action}`).reverse()).toEqual([
      'sam advisory.created', 'sam advisory.edited', 'sam advisory.maintainer-added', 'sam advisory.published', 'github:vcunat advisory.archived', 'github:vcunat advisory.reopened',
    ]);
  });

  it('maintainers and anonymous callers cannot triage; a maintainer comments only on their own packages', async () => {
    const id = await w.suggestionId('CVE-2023-38545');
    for (const who of ['thillux', 'mia'] as const) {
      const r = await w.as[who](DISMISS, { ids: [id], reason: 'not-for-us' });
      expect(r.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    expect((await w.anonymous(DISMISS, { ids: [id], reason: 'not-for-us' })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const comment = `mutation ($type: String!, $id: ID!, $body: String!) { addComment(subjectType: $type, subjectId: $id, body: $body) }`;
    const openssl = await w.as.sam(`{ advisories(state: "published") { edges { node { id } } } }`);
    const advisoryId = openssl.data.advisories.edges[0].node.id;
    expect((await w.as.thillux(comment, { type: 'advisory', id: advisoryId, body: 'Fixed upstream in 3.0.16; bumping in #123.' })).errors).toBeUndefined();
    const denied = await w.as.mia(comment, { type: 'advisory', id: advisoryId, body: 'hello' });
    expect(denied.errors?.[0]).toMatchObject({ message: expect.stringMatching(/You maintain none of the packages of this advisory/), extensions: { code: 'FORBIDDEN' } });
    const view = await w.as.sam(`query ($id: ID!) { advisory(id: $id) { comments { author body } } }`, { id: advisoryId });
    expect(view.data.advisory.comments).toEqual([{ author: 'thillux', body: 'Fixed upstream in 3.0.16; bumping in #123.' }]);
  });

  it('comments on a suggestion: postComment answers the stored comment, and the suggestion lists it for everyone', async () => {
    const id = await w.suggestionId('CVE-2023-38545');
    const post = `mutation ($type: String!, $id: ID!, $body: String!) { postComment(subjectType: $type, subjectId: $id, body: $body) { id author body createdAt } }`;
    const before = Date.now();
    const posted = await w.as.sam(post, { type: 'suggestion', id, body: '  Only the SOCKS5 proxy path; curl 8.4.0 fixes it.  ' });
    expect(posted.errors).toBeUndefined();
    expect(posted.data.postComment).toMatchObject({ id: expect.stringMatching(/^\d+$/), author: 'sam', body: 'Only the SOCKS5 proxy path; curl 8.4.0 fixes it.' });
    expect(Date.parse(posted.data.postComment.createdAt)).toBeGreaterThanOrEqual(before - 5_000);

    const denied = await w.as.thillux(post, { type: 'suggestion', id, body: 'me too' });
    expect(denied.errors?.[0]).toMatchObject({ message: expect.stringMatching(/You maintain none of the packages of this suggestion/), extensions: { code: 'FORBIDDEN' } });
    const badId = await w.as.sam(post, { type: 'suggestion', id: 'curl', body: 'x' });
    expect(badId.errors?.[0].message).toMatch(/"curl" is not a suggestion id/);

    const view = await w.anonymous(`query ($cve: String!) { suggestion(cveId: $cve) { commentCount comments { id author body } } }`, { cve: 'CVE-2023-38545' });
    expect(view.data.suggestion).toEqual({ commentCount: 1, comments: [{ id: posted.data.postComment.id, author: 'sam', body: 'Only the SOCKS5 proxy path; curl 8.4.0 fixes it.' }] });
    const queue = await w.anonymous(`{ suggestions(first: 50) { edges { node { cveId commentCount } } } }`);
    const counts = Object.fromEntries(queue.data.suggestions.edges.map((e: any) => [e.node.cveId, e.node.commentCount]));
    expect(counts['CVE-2023-38545']).toBe(1);
    expect(Object.values(counts).reduce((a: number, b: any) => a + b, 0)).toBe(1);
  });
});
