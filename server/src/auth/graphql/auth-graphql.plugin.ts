import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import type { Request } from 'express';
import { AuthError } from '../auth.error';
import { CSRF_MESSAGE, csrfTokenMatches } from '../csrf';
import { scopeAllowsMutations } from '../policy';

/**
 * Before any resolver runs, refuses a mutation that is cookie-authenticated without the CSRF
 * token, or sent with a read-scoped API token. Apollo's own CSRF prevention (which refuses
 * "simple" requests a form could send) stays on as well.
 */
@Plugin()
export class AuthGraphQLPlugin implements ApolloServerPlugin<{ req: Request }> {
  async requestDidStart(): Promise<GraphQLRequestListener<{ req: Request }>> {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (operation?.operation !== 'mutation') return;
        const req = contextValue.req;
        const principal = req.principal;
        if (!principal) return;
        if (principal.via === 'session' && !csrfTokenMatches(req)) throw new AuthError('CSRF_TOKEN_INVALID', CSRF_MESSAGE).toGraphQLError();
        if (principal.token && !scopeAllowsMutations(principal.token.scope)) {
          throw new AuthError(
            'FORBIDDEN',
            'This API token has scope read, which allows queries only: create a triage or admin token to run mutations.',
          ).toGraphQLError();
        }
      },
    };
  }
}
