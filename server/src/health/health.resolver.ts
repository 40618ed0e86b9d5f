import { Query, Resolver } from '@nestjs/graphql';
import { Health } from './health.model';
import { HealthService } from './health.service';

@Resolver(() => Health)
export class HealthResolver {
  constructor(private readonly healthService: HealthService) {}

  @Query(() => Health)
  async health(): Promise<Health> {
    const { version, database, migrationsPending } = await this.healthService.readiness();
    return { version, database, migrationsPending };
  }
}
