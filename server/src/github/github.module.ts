import { Module } from '@nestjs/common';

/** The GitHub client (Octokit) and the webhook receiver (issue 6). */
@Module({})
export class GithubModule {}
