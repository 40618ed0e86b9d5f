import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import type { Requirement } from './policy';
import type { Principal } from './principal';
import { requestOf, REQUIREMENT_KEY, RoleGuard } from './role.guard';

/**
 * `@RequireRole('security-team')` on a resolver/controller method or class: refused with
 * UNAUTHENTICATED (401) for anonymous callers and FORBIDDEN (403) for callers without the role
 * or a higher one. `'authenticated'` admits any logged-in caller.
 */
export function RequireRole(requirement: Requirement): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(REQUIREMENT_KEY, requirement), UseGuards(RoleGuard));
}

/** The caller (see Principal); undefined for anonymous requests unless the handler has @RequireRole. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | undefined => requestOf(context).principal);
