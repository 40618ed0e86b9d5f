import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

/** Component tests (`pnpm test`): the app's Vite setup (the Vue plugin), run in happy-dom. */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.test.ts'],
      restoreMocks: true,
    },
  }),
);
