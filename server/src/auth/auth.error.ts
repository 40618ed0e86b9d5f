import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';

export type AuthErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CSRF_TOKEN_INVALID' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'RATE_LIMITED';

const HTTP_STATUS: Record<AuthErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
};

/** The auth module's one error type; messages say what to do. Mapped to GraphQL/HTTP below. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }

  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, { extensions: { code: this.code, http: { status: this.httpStatus } } });
  }

  /** The JSON body of an HTTP answer; GraphQL-shaped on /graphql so clients read it like any error. */
  httpBody(path: string): object {
    if (path === '/graphql') return { errors: [{ message: this.message, extensions: { code: this.code } }] };
    return { statusCode: this.httpStatus, error: this.code, message: this.message };
  }
}

export function sendAuthError(res: Response, path: string, err: AuthError): void {
  res.status(err.httpStatus).json(err.httpBody(path));
}

/** Maps AuthError for every caller: a GraphQL error with `extensions.code`, or an HTTP status with JSON. */
@Catch(AuthError)
export class AuthErrorFilter implements ExceptionFilter<AuthError> {
  catch(err: AuthError, host: ArgumentsHost): GraphQLError | void {
    if (host.getType<string>() === 'graphql') return err.toGraphQLError();
    const http = host.switchToHttp();
    sendAuthError(http.getResponse<Response>(), http.getRequest<{ path: string }>().path, err);
  }
}
