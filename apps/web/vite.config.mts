import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The dashboard is served by apps/api from the same origin; it is built into dist/web.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  // The web imports only libs/domain (pure rules, labels, types), through the same alias as the server.
  resolve: { alias: { '@dx/domain': resolve(import.meta.dirname, '../../libs/domain/src/index.ts') } },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: true,
    // The province map's ECharts chunk (about 520 kB raw, loaded only where a map is shown) is the one chunk over
    // Vite's default 500 kB; without this, every first `npm start` printed Vite's English advice about it.
    chunkSizeWarningLimit: 600,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});
