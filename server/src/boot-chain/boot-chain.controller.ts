import * as fs from 'node:fs';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SubmissionResult } from './attestations/attestation.service';
import { BootChainError } from './boot-chain.error';
import { BootChainService } from './boot-chain.service';
import { TrustReport } from './verdicts/trust-report';

function bearer(header: string | undefined): string | null {
  return header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;
}

/**
 * `POST /attestation/{drv}`: the endpoint lila's post-build hook posts to (bearer token of a
 * registered builder; body `[{output_name, output_digest, output_hash, output_sig}]`), so existing
 * hooks only change their server URL. Trust reports are public JSON at stable URLs.
 */
@Controller()
export class BootChainController {
  constructor(private readonly service: BootChainService) {}

  @Post('attestation/:drv')
  @HttpCode(200)
  async attest(@Param('drv') drv: string, @Headers('authorization') authorization: string | undefined, @Body() body: unknown): Promise<SubmissionResult> {
    const result = await this.service.attestationService.submit(bearer(authorization), drv, body);
    if (!result.accepted.length && result.rejected.length) {
      throw new BootChainError('BAD_REQUEST', `no attestation accepted: ${result.rejected.map((r) => `entry ${r.index}${r.outputPath ? ` (${r.outputPath})` : ''}: ${r.reason}`).join('; ')}`);
    }
    return result;
  }

  @Get('api/v1/boot-chain/report')
  report(@Query('revision') revision: string | undefined, @Query('system') system = 'x86_64-linux', @Query('attr') attr = 'minimal-bootstrap.tests.full'): Promise<TrustReport> {
    if (!revision) throw new BootChainError('BAD_REQUEST', 'give the Nixpkgs revision: /api/v1/boot-chain/report?revision=<commit>&system=x86_64-linux&attr=minimal-bootstrap.tests.full');
    return this.service.reportFor(revision, system, attr);
  }

  /** The whole build log (the database keeps only its tail). */
  @Get('api/v1/boot-chain/builds/:id/log')
  async log(@Param('id') id: string, @Res() res: Response): Promise<void> {
    if (!/^\d{1,18}$/.test(id)) throw new BootChainError('BAD_REQUEST', `"${id}" is not a build id: see the builds of a target in bootChainTarget`);
    const build = await this.service.builds.byId(id);
    if (!build) throw new BootChainError('NOT_FOUND', `there is no boot-chain build ${id}`);
    if (!build.logFile || !fs.existsSync(build.logFile)) throw new BootChainError('NOT_FOUND', `build ${id} (${build.name} on ${build.builderName}) has no log${build.status === 'reused' ? ': it was reused, not built' : ' yet'}`);
    res.type('text/plain; charset=utf-8');
    fs.createReadStream(build.logFile).pipe(res);
  }

  @Get('api/v1/boot-chain/targets/:id/report')
  targetReport(@Param('id') id: string): Promise<TrustReport> {
    if (!/^\d{1,9}$/.test(id)) throw new BootChainError('BAD_REQUEST', `"${id}" is not a target id: list them with the bootChainTargets query`);
    return this.service.report(Number(id));
  }
}
