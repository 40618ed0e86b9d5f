export type ChannelVariant = 'nixos' | 'nixos-small' | 'nixpkgs' | 'nixpkgs-darwin';

/** 'unstable', or a release as 'YY.MM' (e.g. '24.11'). */
export type ChannelRelease = 'unstable' | `${number}.${number}`;

export interface ChannelName {
  name: string;
  release: ChannelRelease;
  variant: ChannelVariant;
}

const RELEASE = '(\\d{2}\\.(?:0[1-9]|1[0-2]))';

/**
 * The channel branches nixsec follows. Others exist (`nixos-YY.MM-aarch64` up to 21.05): they are
 * never evaluated on their own, so they are not names here.
 */
const CHANNEL_PATTERNS: readonly { pattern: RegExp; variant: ChannelVariant }[] = [
  { pattern: /^nixos-unstable$/, variant: 'nixos' },
  { pattern: /^nixos-unstable-small$/, variant: 'nixos-small' },
  { pattern: /^nixpkgs-unstable$/, variant: 'nixpkgs' },
  { pattern: new RegExp(`^nixos-${RELEASE}$`), variant: 'nixos' },
  { pattern: new RegExp(`^nixos-${RELEASE}-small$`), variant: 'nixos-small' },
  { pattern: new RegExp(`^nixpkgs-${RELEASE}-darwin$`), variant: 'nixpkgs-darwin' },
];

/** Classifies a Nixpkgs channel branch name; null for anything that is not a tracked kind of channel. */
export function parseChannelName(name: string): ChannelName | null {
  for (const { pattern, variant } of CHANNEL_PATTERNS) {
    const match = pattern.exec(name);
    if (match) return { name, release: (match[1] ?? 'unstable') as ChannelRelease, variant };
  }
  return null;
}
