import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuthError } from './auth.error';
import { CSRF_MESSAGE, csrfTokenMatches, SAFE_METHODS } from './csrf';

/**
 * Global guard for REST controllers: a state-changing request (POST, PUT, PATCH, DELETE)
 * authenticated by the session cookie must carry the session's CSRF token. GraphQL mutations
 * are checked by AuthGraphQLPlugin, which sees the operation type.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method) || req.principal?.via !== 'session') return true;
    if (!csrfTokenMatches(req)) throw new AuthError('CSRF_TOKEN_INVALID', CSRF_MESSAGE);
    return true;
  }
}
