import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DatabaseStatus } from '@nixsec/shared';

registerEnumType(DatabaseStatus, { name: 'DatabaseStatus' });

@ObjectType()
export class Health {
  @Field({ description: 'Version of the running server.' })
  version: string;

  @Field(() => DatabaseStatus)
  database: DatabaseStatus;

  @Field(() => Int, { description: 'Migrations of this build not yet applied to the database.' })
  migrationsPending: number;
}
