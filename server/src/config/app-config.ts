import { AppConfigValues } from './config.schema';

/** Injectable, typed, validated configuration. Construct with loadConfig(). */
export class AppConfig {
  constructor(readonly values: AppConfigValues) {}

  get<K extends keyof AppConfigValues>(key: K): AppConfigValues[K] {
    return this.values[key];
  }

  get publicUrl(): string {
    return this.values.PUBLIC_URL ?? `http://localhost:${this.values.PORT}`;
  }

  get isProduction(): boolean {
    return this.values.NODE_ENV === 'production';
  }
}
