import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';

export type BootChainErrorCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'DISCOVERY_FAILED' | 'CONFLICT';

const HTTP_STATUS: Record<BootChainErrorCode, number> = { BAD_REQUEST: 400, NOT_FOUND: 404, UNAUTHENTICATED: 401, DISCOVERY_FAILED: 422, CONFLICT: 409 };
const GRAPHQL_CODE: Record<BootChainErrorCode, string> = { BAD_REQUEST: 'BAD_USER_INPUT', NOT_FOUND: 'NOT_FOUND', UNAUTHENTICATED: 'UNAUTHENTICATED', DISCOVERY_FAILED: 'DISCOVERY_FAILED', CONFLICT: 'CONFLICT' };

/** The boot-chain module's one error type; the message says what to do. */
export class BootChainError extends Error {
  constructor(
    readonly code: BootChainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BootChainError';
  }
}

@Catch(BootChainError)
export class BootChainErrorFilter implements ExceptionFilter<BootChainError> {
  catch(err: BootChainError, host: ArgumentsHost): GraphQLError | void {
    const status = HTTP_STATUS[err.code];
    if (host.getType<string>() === 'graphql') return new GraphQLError(err.message, { extensions: { code: GRAPHQL_CODE[err.code], http: { status } } });
    host.switchToHttp().getResponse<Response>().status(status).json({ statusCode: status, error: err.code, message: err.message });
  }
}
