import { DataSource } from 'typeorm';
import { pgPool } from '../../server/src/database/pg-pool';
import { Linker } from '../../server/src/linkage/linker';
import { ADVISORY, REPOSITORY, startWorld, World } from './support';

const ACCEPT = `mutation ($ids: [ID!]!, $into: ID, $version: Int) { acceptSuggestions(ids: $ids, intoAdvisoryId: $into, version: $version) { ${ADVISORY} } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: AdvisoryInput!) { updateAdvisory(id: $id, version: $version, input: $input) { id version title } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishAdvisory(id: $id, version: $version) { id publicId state version issueNumber } }`;
const UNDO = `mutation { undoLastAction { action subjectType subjectId } }`;
const STATUS = `query ($c: String!) { suggestion(cveId: $c) { status advisoryId dismissalReason } }`;
const GET = `query ($id: ID!) { advisory(id: $id) { ${ADVISORY} } }`;

/** Drafts: several CVEs in one advisory, merge and split, optimistic locking, undo, idempotent publish. */
describe('advisories: drafts', () => {
  let w: World;
  const status = async (cve: string) => (await w.as.sam(STATUS, { c: cve })).data.suggestion;
  const accept = async (cves: string[], into?: { id: string; version: number }) => {
    const r = await w.as.sam(ACCEPT, { ids: await Promise.all(cves.map((c) => w.suggestionId(c))), into: into?.id, version: into?.version });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.acceptSuggestions;
  };
  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(() => w?.close());

  it('merges two curl drafts into one advisory with both CVEs, and splits one back out', async () => {
    const a = await accept(['CVE-2023-38545']);
    const b = await accept(['CVE-2018-14618']);
    const merged = await w.as.sam(`mutation ($id: ID!, $v: Int!, $o: [ID!]!) { mergeAdvisories(id: $id, version: $v, otherIds: $o) { ${ADVISORY} } }`, { id: a.id, v: a.version, o: [b.id] });
    expect(merged.errors).toBeUndefined();
    expect(merged.data.mergeAdvisories).toMatchObject({ cveIds: ['CVE-2018-14618', 'CVE-2023-38545'], packages: [{ attr: 'curl' }], channels: [{ channel: 'nixos-unstable', status: 'unknown' }] });
    expect((await w.as.sam(GET, { id: b.id })).data.advisory).toBeNull();
    expect(await status('CVE-2018-14618')).toMatchObject({ status: 'accepted', advisoryId: a.id });

    const split = await w.as.sam(`mutation ($id: ID!, $v: Int!, $c: String!) { splitAdvisory(id: $id, version: $v, cveId: $c) { ${ADVISORY} } }`, { id: a.id, v: merged.data.mergeAdvisories.version, c: 'CVE-2018-14618' });
    expect(split.errors).toBeUndefined();
    const c = split.data.splitAdvisory;
    expect(c).toMatchObject({ state: 'draft', cveIds: ['CVE-2018-14618'], packages: [{ attr: 'curl', source: 'suggestion' }] });
    expect((await w.as.sam(GET, { id: a.id })).data.advisory.cveIds).toEqual(['CVE-2023-38545']);
    expect(await status('CVE-2018-14618')).toMatchObject({ status: 'accepted', advisoryId: c.id });

    const lonely = await w.as.sam(`mutation ($id: ID!, $v: Int!, $c: String!) { splitAdvisory(id: $id, version: $v, cveId: $c) { id } }`, { id: c.id, v: c.version, c: 'CVE-2018-14618' });
    expect(lonely.errors?.[0].message).toMatch(/CVE-2018-14618 is the only CVE of advisory/);

    // Accepting into an existing draft: one advisory, two CVEs.
    const into = await accept(['CVE-2016-1897'], { id: c.id, version: c.version });
    expect(into).toMatchObject({ id: c.id, cveIds: ['CVE-2016-1897', 'CVE-2018-14618'] });
    expect(into.packages.map((p: any) => p.attr).sort()).toEqual(['curl', 'ffmpeg']);

    // Discarding returns every suggestion to the queue.
    const discarded = await w.as.sam(`mutation ($id: ID!, $v: Int!) { discardDraft(id: $id, version: $v) }`, { id: c.id, v: into.version });
    expect(discarded.data.discardDraft).toBe(true);
    expect(await status('CVE-2016-1897')).toMatchObject({ status: 'pending', advisoryId: null });
    expect(await status('CVE-2018-14618')).toMatchObject({ status: 'pending', advisoryId: null });
  });

  it('two editors of the same version: the second gets CONFLICT with the current version, nothing is overwritten', async () => {
    const draft = await accept(['CVE-2024-32002']);
    const first = await w.as.sam(UPDATE, { id: draft.id, version: draft.version, input: { title: "git: submodule symlinks can write into .git (sam's title)" } });
    expect(first.errors).toBeUndefined();
    const second = await w.as.tina(UPDATE, { id: draft.id, version: draft.version, input: { title: "tina's title" } });
    expect(second.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/was changed by someone else \(you edited version \d+, it is now version \d+\)\. Reload it, re-apply your change/),
      extensions: { code: 'CONFLICT', currentVersion: draft.version + 1 },
    });
    expect((await w.as.sam(GET, { id: draft.id })).data.advisory.title).toBe("git: submodule symlinks can write into .git (sam's title)");
  });

  it('undo: the last triage decision or edit within 30 s, refused when someone changed it since', async () => {
    const ffmpeg = await w.suggestionId('CVE-2016-1897');
    await w.as.tina(`mutation ($ids: [ID!]!) { dismissSuggestions(ids: $ids, reason: "wont-fix") { changed } }`, { ids: [ffmpeg] });
    expect(await status('CVE-2016-1897')).toMatchObject({ status: 'dismissed', dismissalReason: 'wont-fix' });
    expect((await w.as.tina(UNDO)).data.undoLastAction).toEqual({ action: 'suggestion.dismissed.bulk', subjectType: 'suggestion', subjectId: ffmpeg });
    expect(await status('CVE-2016-1897')).toMatchObject({ status: 'pending', dismissalReason: null });
    expect((await w.as.tina(UNDO)).errors?.[0].message).toMatch(/nothing in the last 30 seconds that can be undone/);

    const draft = await accept(['CVE-2016-1897']);
    expect((await w.as.sam(UNDO)).data.undoLastAction.action).toBe('advisory.created');
    expect(await status('CVE-2016-1897')).toMatchObject({ status: 'pending', advisoryId: null });
    expect((await w.as.sam(GET, { id: draft.id })).data.advisory).toBeNull();

    const again = await accept(['CVE-2016-1897']);
    const edited = await w.as.sam(UPDATE, { id: again.id, version: again.version, input: { title: 'ffmpeg: typo' } });
    await w.as.tina(UPDATE, { id: again.id, version: edited.data.updateAdvisory.version, input: { notes: 'tina was here' } });
    const refused = await w.as.sam(UNDO);
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Cannot undo: advisory .* was changed again since/), extensions: { code: 'CONFLICT' } });
    expect((await w.as.sam(GET, { id: again.id })).data.advisory).toMatchObject({ title: 'ffmpeg: typo', notes: 'tina was here' });
    const tinaUndo = await w.as.tina(UNDO);
    expect(tinaUndo.data.undoLastAction.action).toBe('advisory.edited');
    expect((await w.as.sam(GET, { id: again.id })).data.advisory).toMatchObject({ title: 'ffmpeg: typo', notes: '' });
  });

  it('publish is idempotent: a lost GitHub answer, then a retry, make exactly one issue', async () => {
    const draft = await accept(['CVE-2024-1086']);
    const before = w.fake.github.issues(REPOSITORY).length;
    const createIssue = (r: { method: string; path: string }) => r.method === 'POST' && r.path === `/repos/${REPOSITORY}/issues`;
    // GitHub creates the issue, but the answer is lost (502 after the fact, as on a front-end timeout).
    w.fake.github.fail('bad-gateway', { match: createIssue, afterHandling: true });
    const failed = await w.as.sam(PUBLISH, { id: draft.id, version: draft.version });
    expect(failed.errors?.[0]).toMatchObject({ message: expect.stringMatching(/GitHub failed to publish NIXPKGS-\d{4}-\d{4}.*Nothing is lost: try again — it will not create a second issue/), extensions: { code: 'GITHUB_UNAVAILABLE' } });
    expect(w.fake.github.issues(REPOSITORY)).toHaveLength(before + 1);
    const pendingDraft = (await w.as.sam(GET, { id: draft.id })).data.advisory;
    expect(pendingDraft).toMatchObject({ state: 'draft', publicId: expect.stringMatching(/^NIXPKGS-/) });

    const retried = await w.as.sam(PUBLISH, { id: draft.id, version: pendingDraft.version });
    expect(retried.errors).toBeUndefined();
    expect(retried.data.publishAdvisory).toMatchObject({ state: 'published', publicId: pendingDraft.publicId, issueNumber: w.fake.github.issues(REPOSITORY).at(-1)!.number });
    expect(w.fake.github.issues(REPOSITORY)).toHaveLength(before + 1);
  });

  it('publish fails cleanly when GitHub is down before creating anything, and the retry creates the issue', async () => {
    const draft = await accept(['CVE-2024-9143']);
    const before = w.fake.github.issues(REPOSITORY).length;
    w.fake.github.fail('bad-gateway', { match: (r) => r.method === 'POST' && r.path === `/repos/${REPOSITORY}/issues` });
    const failed = await w.as.sam(PUBLISH, { id: draft.id, version: draft.version });
    expect(failed.errors?.[0].extensions.code).toBe('GITHUB_UNAVAILABLE');
    expect(w.fake.github.issues(REPOSITORY)).toHaveLength(before);
    const current = (await w.as.sam(GET, { id: draft.id })).data.advisory;
    const retried = await w.as.sam(PUBLISH, { id: draft.id, version: current.version });
    expect(retried.data.publishAdvisory.state).toBe('published');
    expect(w.fake.github.issues(REPOSITORY)).toHaveLength(before + 1);
  });

  it('re-linking keeps every human decision: accepted stays accepted, a dismissal stays dismissed', async () => {
    const git = await w.suggestionId('CVE-2024-32002');
    const curl = await w.suggestionId('CVE-2018-14618');
    await w.as.sam(`mutation ($ids: [ID!]!) { dismissSuggestions(ids: $ids, reason: "not-for-us") { changed } }`, { ids: [curl] });
    const pool = pgPool(w.t.app.get(DataSource));
    await new Linker(pool).linkIds(['CVE-2024-32002', 'CVE-2018-14618', 'CVE-2024-1086']);
    expect(await status('CVE-2024-32002')).toMatchObject({ status: 'accepted' });
    expect(await status('CVE-2018-14618')).toMatchObject({ status: 'dismissed', dismissalReason: 'not-for-us' });
    expect(await status('CVE-2024-1086')).toMatchObject({ status: 'accepted' });
    expect(git).toBeDefined();
  });
});
