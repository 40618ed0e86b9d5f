import * as fs from 'node:fs';
import * as path from 'node:path';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { AppConfig } from '../config/app-config';

export function webDistDirectory(config: AppConfig): string {
  return config.get('NIXSEC_WEB_DIST') ?? path.resolve(__dirname, '..', '..', '..', 'web', 'dist');
}

/** Serves the built SPA; unknown non-API paths fall back to index.html so deep links work. */
@Module({})
export class WebAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const rootPath = webDistDirectory(config);
    if (!fs.existsSync(path.join(rootPath, 'index.html'))) {
      new Logger(WebAppModule.name).warn(
        `No web UI build in ${rootPath}: the API works, but / shows nothing. Run "pnpm build" or set NIXSEC_WEB_DIST.`,
      );
      return { module: WebAppModule };
    }
    return {
      module: WebAppModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          exclude: ['/graphql{/*path}', '/api/{*path}', '/webhooks/{*path}', '/healthz', '/readyz', '/auth/{*path}', '/advisories.atom'],
          serveStaticOptions: { index: 'index.html', maxAge: '1h' },
        }),
      ],
    };
  }
}
