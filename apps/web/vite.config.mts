import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The dashboard is served by apps/api from the same origin; it is built into dist/web.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: resolve(import.meta.dirname, '../../dist/web'), emptyOutDir: true, sourcemap: false, reportCompressedSize: true },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});
