import type { RouteLocationRaw } from 'vue-router';
import type { PackageInChannelQuery } from '../../gql/graphql';

/** A package attribute in one channel, as the package page shows it. */
export type ChannelPackage = NonNullable<PackageInChannelQuery['package']>;

/** The package page of an attribute (python3Packages.requests), for RouterLink `to`. */
export function packageLocation(attr: string): RouteLocationRaw {
  return { name: 'package', params: { attr } };
}

/** The maintainer page of a GitHub handle (without "@"). */
export function maintainerLocation(github: string): RouteLocationRaw {
  return { name: 'maintainer', params: { github } };
}
