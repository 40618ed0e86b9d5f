import { Injectable } from '@nestjs/common';
import { AdvisoryQueryRepository } from '../../advisories/graphql/advisory-query.repository';

/** What PR tracking reads of advisories, through the advisories module's exported repository. */
@Injectable()
export class AdvisoriesReader {
  constructor(private readonly advisories: AdvisoryQueryRepository) {}

  async channelNames(id: number): Promise<string[]> {
    return ((await this.advisories.channels([id])).get(id) ?? []).map((c) => c.channel);
  }
}
