import * as fs from 'node:fs';
import * as path from 'node:path';
import { Pool } from 'pg';
import { AttestationService } from '../attestations/attestation.service';
import { chainNodes } from '../discovery/chain-discovery';
import { compileStageRules, DEFAULT_STAGE_RULES } from '../discovery/stage-rules';
import { parseDerivationShow } from '../nix-json/derivation-show.parser';
import { parsePathInfo } from '../nix-json/path-info.parser';
import { AttestationStore } from '../store/attestation.store';
import { BuilderStore } from '../store/builder.store';
import { BuildStore } from '../store/build.store';
import { ChainStore } from '../store/chain.store';

// Recorded with real Nix from the test chain (see test/fixtures/boot-chain/demo/README.md).
const DEMO_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'boot-chain', 'demo');
const DEMO_REVISION = 'de3000000000000000000000000000000000d3e0';
const FOD_GOT = 'sha256-fjKnLwv4Q/fzanUWu2GqhuJbU0zAvh+JTWA6pATfb5M=';

/**
 * A demo boot chain without running Nix: the recorded derivation graph of the test chain, two
 * builders' recorded path info as their attestations, and the recorded fixed-output failure.
 * Builders are registered disabled so nobody dispatches builds to them.
 */
export async function loadDemoBootChain(pool: Pool): Promise<{ targetId: number } | null> {
  if (!fs.existsSync(DEMO_DIR)) return null;
  const derivations = parseDerivationShow(JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'show-derivation.json'), 'utf8')));
  const root = derivations.find((d) => d.name === 'stdenv-linux')!;
  const targetId = await new ChainStore(pool).saveTarget(
    { revision: DEMO_REVISION, system: root.system, attr: 'stdenv', rootDrvPath: root.drvPath },
    chainNodes(derivations, compileStageRules(DEFAULT_STAGE_RULES)),
  );
  const builders = new BuilderStore(pool);
  const attestations = new AttestationService(new AttestationStore(pool), builders);
  const builds = new BuildStore(pool);
  for (const name of ['a', 'b']) {
    const { row: builder } = await builders.upsert(
      { name: `demo-builder-${name}`, kind: 'local', operator: 'demo (recorded builds)', host: { recorded: true }, nixVersion: '2.8.0', publicKey: null, storeUri: null, sshKeyFile: null, url: null, maxConcurrent: 1, timeoutSeconds: 3600, systems: [root.system], enabled: false },
      null,
    );
    const infos = parsePathInfo(JSON.parse(fs.readFileSync(path.join(DEMO_DIR, `builder-${name}.path-info.json`), 'utf8')));
    for (const info of infos) {
      const drv = derivations.find((d) => d.outputs.some((o) => o.path === info.path))!;
      await attestations.recordBuild(builder, drv.drvPath, drv.outputs.map((o) => ({ name: o.name, path: o.path ?? '' })), [info], 'build');
    }
    await builds.plan(targetId, builder.id, false);
    const source = derivations.find((d) => d.name === 'musl-source-1.2.5');
    if (source) {
      const [failed] = (await builds.forTarget(targetId)).filter((b) => b.builderId === builder.id && b.drvPath === source.drvPath);
      await builds.finish(failed.id, 'failed', { error: `fixed-output hash mismatch: the output hashes to ${FOD_GOT}, not to the pinned hash`, fodGotHash: FOD_GOT });
    }
  }
  return { targetId };
}
