import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { AuthError } from './auth.error';
import { Requirement, satisfies } from './policy';
import type { Principal } from './principal';

export const REQUIREMENT_KEY = 'nixsec:auth-requirement';

export function requestOf(context: ExecutionContext): Request {
  if (context.getType<GqlContextType>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
  return context.switchToHttp().getRequest<Request>();
}

/** Throws the AuthError that explains why `principal` does not meet `requirement`. */
export function authorize(principal: Principal | undefined, requirement: Requirement): Principal {
  const needs = requirement === 'authenticated' ? 'a logged-in user' : `the ${requirement} role`;
  if (!principal) throw new AuthError('UNAUTHENTICATED', `Log in first: this needs ${needs}.`);
  if (!satisfies(principal.roles, requirement)) {
    const held = principal.roles.length ? principal.roles.join(', ') : 'no role';
    const scope = principal.token ? ` (your API token's scope ${principal.token.scope} leaves you ${held})` : ` (you have ${held})`;
    throw new AuthError('FORBIDDEN', `Not allowed: this needs ${needs}${scope}.`);
  }
  return principal;
}

/** Checks the @RequireRole of the handler (or its class) on every call, for resolvers and controllers alike. */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const requirement = this.reflector.getAllAndOverride<Requirement | undefined>(REQUIREMENT_KEY, [context.getHandler(), context.getClass()]);
    if (requirement) authorize(requestOf(context).principal, requirement);
    return true;
  }
}
