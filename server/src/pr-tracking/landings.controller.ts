import { Controller, Get, Param } from '@nestjs/common';
import { PrTrackingError } from './pr-tracking.error';
import { PrTrackingService } from './pr-tracking.service';

/** Public, read-only: `GET /api/v1/landings/:pr` → `{ pullRequest, branches: [{ branch, firstSeen }] }`. */
@Controller('api/v1/landings')
export class LandingsController {
  constructor(private readonly service: PrTrackingService) {}

  @Get(':pr')
  async landings(@Param('pr') pr: string): Promise<{ pullRequest: number; branches: Array<{ branch: string; firstSeen: string }> }> {
    if (!/^\d{1,9}$/.test(pr)) throw new PrTrackingError('BAD_USER_INPUT', `"${pr}" is not a pull request number: use e.g. /api/v1/landings/345678.`);
    const rows = await this.service.landings(Number(pr));
    return { pullRequest: Number(pr), branches: rows.map((r) => ({ branch: r.branch, firstSeen: r.firstSeen.toISOString() })) };
  }
}
