import { Module } from '@nestjs/common';

/** GitHub login, sessions, roles, API tokens (issue 6). */
@Module({})
export class AuthModule {}
