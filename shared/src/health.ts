export enum DatabaseStatus {
  OK = 'ok',
  UNREACHABLE = 'unreachable',
}

/** What `GET /readyz` returns; the web UI shows the same fields from the GraphQL `health` query. */
export interface ReadinessReport {
  ready: boolean;
  version: string;
  database: DatabaseStatus;
  migrationsPending: number;
}
