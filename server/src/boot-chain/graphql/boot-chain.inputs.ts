import { Field, InputType, Int } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';

@InputType()
export class DiscoverBootChainInput {
  @Field({ description: 'Path of a Nixpkgs checkout on the server (or a Nix file taking { system }).' }) nixpkgs: string;
  @Field(() => String, { nullable: true, description: "Defaults to the checkout's git HEAD." }) revision?: string | null;
  @Field({ defaultValue: 'x86_64-linux' }) system: string;
  @Field({ defaultValue: 'minimal-bootstrap.tests.full' }) attr: string;
}

@InputType()
export class BootChainBuilderInput {
  @Field({ description: 'Unique. Registering an existing name updates that builder: a field left out keeps its value, null clears an optional one.' }) name: string;
  @Field({ description: 'local, ssh-ng, hydra, binary-cache or external' }) kind: string;
  @Field(() => String, { nullable: true }) operator?: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Host metadata (CPU, kernel, location …).' }) host?: Record<string, unknown> | null;
  @Field(() => String, { nullable: true }) nixVersion?: string | null;
  @Field(() => String, { nullable: true, description: 'Nix signing public key, name:base64.' }) publicKey?: string | null;
  @Field(() => String, { nullable: true, description: 'local: a store root or URI (default: the server\'s store); ssh-ng: ssh-ng://user@host; hydra: the binary cache Hydra uploads to.' }) storeUri?: string | null;
  @Field(() => String, { nullable: true, description: 'ssh-ng: absolute path of the SSH private key file (never its content).' }) sshKeyFile?: string | null;
  @Field(() => String, { nullable: true, description: 'binary-cache: the cache URL; hydra: the Hydra URL (its JSON API).' }) url?: string | null;
  @Field(() => Int, { nullable: true, description: 'Parallel builds; 1 for a new builder.' }) maxConcurrent?: number | null;
  @Field(() => Int, { nullable: true, description: 'Build timeout; 14400 for a new builder.' }) timeoutSeconds?: number | null;
  @Field(() => [String], { nullable: true, description: 'Systems it builds for; none (any) for a new builder.' }) systems?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true for a new builder.' }) enabled?: boolean | null;
  @Field({ defaultValue: false, description: 'Issue a new submission token (external builders posting to /attestation/{drv}).' }) newToken: boolean;
}
