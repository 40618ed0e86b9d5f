import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileStageRules, DEFAULT_STAGE_RULES, loadStageRules, StageRulesError } from './stage-rules';

describe('stage rules', () => {
  const rules = compileStageRules(DEFAULT_STAGE_RULES);

  it.each([
    ['hex0', 'seed'],
    ['hex0-1.6.0', 'seed'],
    ['kaem-minimal-1.6.0', 'stage0-posix'],
    ['M2-Planet-1.11.0', 'stage0-posix'],
    ['mescc-tools-boot-1.6.0', 'stage0-posix'],
    ['mes-0.25', 'mes'],
    ['mes-libc-0.25', 'mes'],
    ['tinycc-bootstrappable-unstable-2023-04-20', 'tinycc'],
    ['gnumake-musl-4.4.1', 'early-tools'],
    ['musl-1.2.4', 'musl'],
    ['gcc-4.6.4', 'gcc'],
    ['gcc10-10.4.0', 'gcc'],
    ['glibc-2.38', 'glibc'],
    ['stdenv-linux', 'stdenv'],
    ['hello-2.12.1', 'other'],
  ])('%s is in stage %s', (name, stage) => {
    expect(rules.classify(name).stage).toBe(stage);
  });

  it('flags prebuilt bootstrap tools', () => {
    expect(rules.classify('bootstrap-tools')).toEqual({ stage: 'other', prebuilt: true });
    expect(rules.classify('mes-0.25').prebuilt).toBe(false);
  });

  it('a rules file replaces the table; a bad one is refused with where and why', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-rules-'));
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify([{ match: 'seed-.*', stage: 'seed' }]));
    expect(loadStageRules(good).classify('seed-1')).toEqual({ stage: 'seed', prebuilt: false });
    expect(loadStageRules(good).classify('hex0').stage).toBe('other');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify([{ match: 'x', stage: 'rocket' }]));
    expect(() => loadStageRules(bad)).toThrow(StageRulesError);
    expect(() => loadStageRules(bad)).toThrow(/invalid at 0\.stage.*stages: seed, stage0-posix/);
    fs.writeFileSync(bad, JSON.stringify([{ match: '(', stage: 'seed' }]));
    expect(() => loadStageRules(bad)).toThrow(/stage rule 1 \(\(\)/);
    expect(() => loadStageRules(path.join(dir, 'missing.json'))).toThrow(/cannot read the boot-chain stage rules/);
  });
});
