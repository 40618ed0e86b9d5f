import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';

export type PrTrackingErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND';

const HTTP_STATUS: Record<PrTrackingErrorCode, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404 };

/** The PR-tracking module's one error type; the message says what to do. */
export class PrTrackingError extends Error {
  constructor(
    readonly code: PrTrackingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PrTrackingError';
  }
}

@Catch(PrTrackingError)
export class PrTrackingErrorFilter implements ExceptionFilter<PrTrackingError> {
  catch(err: PrTrackingError, host: ArgumentsHost): GraphQLError | void {
    if (host.getType<string>() === 'graphql') return new GraphQLError(err.message, { extensions: { code: err.code, http: { status: HTTP_STATUS[err.code] } } });
    host.switchToHttp().getResponse<Response>().status(HTTP_STATUS[err.code]).json({ statusCode: HTTP_STATUS[err.code], error: err.code, message: err.message });
  }
}
