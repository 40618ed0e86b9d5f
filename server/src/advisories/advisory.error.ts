import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';

export type AdvisoryErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'ILLEGAL_TRANSITION' | 'FORBIDDEN' | 'GITHUB_UNAVAILABLE';

const HTTP_STATUS: Record<AdvisoryErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  FORBIDDEN: 403,
  GITHUB_UNAVAILABLE: 502,
};

/** The advisories module's one error type: the message says what to do; `details` carries e.g. the current version on CONFLICT. */
export class AdvisoryError extends Error {
  constructor(
    readonly code: AdvisoryErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AdvisoryError';
  }

  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, { extensions: { code: this.code, ...this.details, http: { status: HTTP_STATUS[this.code] } } });
  }
}

@Catch(AdvisoryError)
export class AdvisoryErrorFilter implements ExceptionFilter<AdvisoryError> {
  catch(err: AdvisoryError, host: ArgumentsHost): GraphQLError | void {
    if (host.getType<string>() === 'graphql') return err.toGraphQLError();
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(HTTP_STATUS[err.code])
      .json({ statusCode: HTTP_STATUS[err.code], error: err.code, message: err.message, ...err.details });
  }
}
