/** The builder kinds registerBootChainBuilder accepts (server/src/boot-chain: BUILDER_KINDS), with what each needs. */
export const BUILDER_KINDS = [
  { value: 'local', label: 'local', hint: 'builds on the server; store URI optional (default: the server’s store)' },
  { value: 'ssh-ng', label: 'ssh-ng', hint: 'builds on a remote machine: store URI ssh-ng://user@host and the SSH key file' },
  { value: 'hydra', label: 'hydra', hint: 'imports from a Hydra: URL of its JSON API, store URI of the cache it uploads to' },
  { value: 'binary-cache', label: 'binary-cache', hint: 'imports from a binary cache: its URL and public key' },
  { value: 'external', label: 'external', hint: 'submits attestations itself (POST /attestation/…): needs a token' },
] as const;

export type BuilderKind = (typeof BUILDER_KINDS)[number]['value'];
