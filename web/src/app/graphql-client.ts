import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

export const GRAPHQL_ENDPOINT = '/graphql';

const UNREACHABLE = `Cannot reach the nixsec API at ${GRAPHQL_ENDPOINT} — is the server running?`;

/**
 * The session's CSRF token (GET /auth/me), set by the auth store while the user is logged in with
 * the session cookie. The server refuses cookie-authenticated mutations without it; sending it on
 * queries too keeps one code path.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** A failed request, with a message that can be shown to the user as it is. */
export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';

  /** The server's `extensions.code` of the first error (e.g. CONFLICT, FORBIDDEN), when it gave one. */
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: unknown } }>;
}

/** A generated document from src/gql: a query string that carries its result and variable types. */
type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

/** Operations without variables take none; the others require them. */
type VariablesArgument<TVariables> = TVariables extends Record<string, never> ? [] : [variables: TVariables];

export async function executeGraphQL<TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  ...[variables]: VariablesArgument<TVariables>
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new GraphQLRequestError(UNREACHABLE);
  }
  const body = await readBody<TResult>(response);
  if (body?.errors?.length) {
    const messages = body.errors.map((error) => error.message).join('; ');
    const code = body.errors[0]?.extensions?.code;
    throw new GraphQLRequestError(`The nixsec API reported an error: ${messages}`, typeof code === 'string' ? code : undefined);
  }
  if (!body?.data) {
    // A proxy in front of a stopped server answers 5xx without a GraphQL body (e.g. Vite's dev proxy).
    throw new GraphQLRequestError(
      response.status >= 500
        ? UNREACHABLE
        : `The nixsec API answered HTTP ${response.status} without data. Reload the page; if it persists, check the server log.`,
    );
  }
  return body.data;
}

async function readBody<TResult>(response: Response): Promise<GraphQLResponse<TResult> | undefined> {
  try {
    return (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    return undefined;
  }
}
