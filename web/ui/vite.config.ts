import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The UI is served by the binary under /_localnotion/ui/ (src/http/ui.cc embeds dist/).
export default defineConfig({
  base: '/_localnotion/ui/',
  plugins: [preact()],
  build: { outDir: 'dist', sourcemap: false, emptyOutDir: true, chunkSizeWarningLimit: 400 },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
