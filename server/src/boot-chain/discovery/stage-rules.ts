import * as fs from 'node:fs';
import { z } from 'zod';

export const BOOT_STAGES = ['seed', 'stage0-posix', 'mes', 'tinycc', 'early-tools', 'musl', 'gcc', 'glibc', 'stdenv', 'other'] as const;
export type BootStage = (typeof BOOT_STAGES)[number];

const stageRuleSchema = z.object({
  /** Regular expression matched against the whole derivation name (`name` of the derivation). */
  match: z.string().min(1),
  stage: z.enum(BOOT_STAGES),
  /** A prebuilt binary (bootstrap-tools): its presence means the chain is not anchored in the seed. */
  prebuilt: z.boolean().optional(),
});
export type StageRule = z.infer<typeof stageRuleSchema>;

/**
 * Default rules for Nixpkgs' `minimal-bootstrap` (pkgs/os-specific/linux/minimal-bootstrap), first
 * match wins. Deployments override them with NIXSEC_BOOT_CHAIN_STAGE_RULES_FILE.
 */
export const DEFAULT_STAGE_RULES: StageRule[] = [
  { match: 'bootstrap-(tools|files)(-.*)?|bootstrap-stage0-.*', stage: 'other', prebuilt: true },
  { match: '(hex0|hex0-seed)(-[0-9].*)?|stage0-posix-.*-source|bootstrap-seeds(-.*)?', stage: 'seed' },
  { match: '(hex1|hex2|hex2-linker|catm|M0|cc_(x86|amd64|aarch64|riscv32|riscv64|arch)|M2|M2-Planet|M2-Mesoplanet|blood-elf|M1|kaem|kaem-minimal|kaem-unwrapped|mescc-tools|mescc-tools-boot|mescc-tools-extra|stage0-posix)(-.*)?', stage: 'stage0-posix' },
  { match: '(mes|mes-libc|mes-boot|nyacc|ln-boot)(-.*)?', stage: 'mes' },
  { match: 'tinycc(-.*)?|tcc(-.*)?', stage: 'tinycc' },
  { match: 'musl(-.*)?', stage: 'musl' },
  { match: '(gcc|xgcc|gcc-unwrapped|gcc-wrapper|libstdc\\+\\+)([0-9]+)?(-.*)?', stage: 'gcc' },
  { match: 'glibc(-.*)?', stage: 'glibc' },
  { match: '(stdenv|bootstrap-stage[0-9a-z-]*)(-.*)?', stage: 'stdenv' },
  {
    match: '(gnumake|gnupatch|gnused|gnugrep|gawk|gnutar|gzip|bzip2|xz|coreutils|bash|diffutils|findutils|binutils|heirloom|heirloom-devtools|gnum4|bison|flex|patchelf|zlib|which|file)(-.*)?',
    stage: 'early-tools',
  },
];

export class StageRulesError extends Error {}

export interface CompiledStageRules {
  rules: StageRule[];
  classify(name: string): { stage: BootStage; prebuilt: boolean };
}

export function compileStageRules(rules: StageRule[]): CompiledStageRules {
  const compiled = rules.map((rule, index) => {
    try {
      return { rule, pattern: new RegExp(`^(?:${rule.match})$`) };
    } catch (err) {
      throw new StageRulesError(`stage rule ${index + 1} (${rule.match}): ${(err as Error).message}`);
    }
  });
  return {
    rules,
    classify(name) {
      const hit = compiled.find(({ pattern }) => pattern.test(name));
      return { stage: hit?.rule.stage ?? 'other', prebuilt: hit?.rule.prebuilt ?? false };
    },
  };
}

/** Reads a JSON array of rules ({match, stage, prebuilt?}); the file replaces the default table. */
export function loadStageRules(file: string | undefined): CompiledStageRules {
  if (!file) return compileStageRules(DEFAULT_STAGE_RULES);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new StageRulesError(`cannot read the boot-chain stage rules in ${file}: ${(err as Error).message}`);
  }
  const parsed = z.array(stageRuleSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StageRulesError(`the boot-chain stage rules in ${file} are invalid at ${issue.path.join('.') || 'the top'}: ${issue.message} (stages: ${BOOT_STAGES.join(', ')})`);
  }
  return compileStageRules(parsed.data);
}
