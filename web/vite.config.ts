import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const API_SERVER = 'http://127.0.0.1:3000';

/** Paths the NestJS server owns; everything else is the SPA (see server/src/web-app). */
const SERVER_PATHS = ['/graphql', '/api', '/healthz', '/readyz', '/auth', '/webhooks'];

export default defineConfig({
  plugins: [vue()],
  server: {
    // Anchored patterns, so that a future SPA route such as /authors is not sent to the server's /auth.
    proxy: Object.fromEntries(
      SERVER_PATHS.map((path) => [`^${path}(?:[/?]|$)`, { target: API_SERVER, changeOrigin: true }]),
    ),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: the chunk graph `pnpm bench` reads to report each route's initial JavaScript.
    manifest: true,
  },
});
