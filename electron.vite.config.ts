import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/electron/main.ts'),
          serve: resolve('src/main/serve.ts'),
          seed: resolve('src/main/seed-cli.ts'),
          import: resolve('src/main/import-cli.ts'),
          verify: resolve('src/main/verify-cli.ts'),
          restore: resolve('src/main/restore-cli.ts'),
          bench: resolve('bench/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      minify: true,
      rollupOptions: {
        input: { index: resolve('src/renderer/index.html') },
        // pdf.js in chunks of its own (vendor-pdfjs-*), loaded only when a reviewer opens a PDF.
        output: { manualChunks: (id: string) => (id.includes('node_modules/pdfjs-dist') ? 'vendor-pdfjs' : undefined) },
      },
    },
  },
});
