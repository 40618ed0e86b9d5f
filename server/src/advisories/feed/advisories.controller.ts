import { Controller, Get, Header, Query } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AdvisoryError } from '../advisory.error';
import { AdvisoryQueryRepository } from '../graphql/advisory-query.repository';
import { atomFeed, PublicAdvisory, publicAdvisory } from './advisory-feed';

const PUBLIC_STATES = ['published', 'archived'];

/** Public, read-only: `GET /api/v1/advisories?cve=…&package=…` (JSON) and `GET /advisories.atom`. */
@Controller()
export class AdvisoriesController {
  constructor(
    private readonly queries: AdvisoryQueryRepository,
    private readonly config: AppConfig,
  ) {}

  @Get('api/v1/advisories')
  async list(
    @Query('cve') cve?: string,
    @Query('package') attr?: string,
    @Query('limit') limit?: string,
    @Query('after') after?: string,
  ): Promise<{ advisories: PublicAdvisory[]; next: string | null }> {
    if (cve !== undefined && !/^CVE-\d{4}-\d{4,}$/i.test(cve)) throw new AdvisoryError('BAD_USER_INPUT', `cve: "${cve}" is not a CVE id such as CVE-2024-3094.`);
    const first = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(first) || first < 1 || first > 500) throw new AdvisoryError('BAD_USER_INPUT', `limit: "${limit}" is not a whole number from 1 to 500.`);
    const { rows, hasNext } = await this.queries.list({ states: PUBLIC_STATES, cve, attr }, first, after ?? null);
    const advisories = await this.expand(rows);
    return { advisories, next: hasNext && rows.length ? AdvisoryQueryRepository.cursor(rows[rows.length - 1]) : null };
  }

  @Get('advisories.atom')
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  async atom(): Promise<string> {
    const { rows } = await this.queries.list({ states: PUBLIC_STATES }, 50, null);
    return atomFeed(await this.expand(rows), this.config.publicUrl);
  }

  private async expand(rows: Awaited<ReturnType<AdvisoryQueryRepository['list']>>['rows']): Promise<PublicAdvisory[]> {
    const ids = rows.map((r) => r.id);
    const [cves, packages, channels] = [await this.queries.cveIds(ids), await this.queries.packages(ids), await this.queries.channels(ids)];
    return rows.map((r) => publicAdvisory(r, cves.get(r.id) ?? [], packages.get(r.id) ?? [], channels.get(r.id) ?? [], this.config.publicUrl));
  }
}
