import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const tabRoot = import.meta.dirname;

/**
 * The Teams tab, served by the app itself at /tab/. Built into dist/tab; nothing is fetched from a CDN,
 * so the tab works in a locked-down tenant and offline.
 */
export default defineConfig({
  root: tabRoot,
  base: '/tab/',
  publicDir: false,
  // Vite 8 compiles TSX with oxc; the automatic runtime matches tsconfig's "jsx": "react-jsx".
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: resolve(tabRoot, '../dist/tab'),
    emptyOutDir: true,
    target: 'es2022',
    // The shell (React DOM, Fluent's provider, themes, button, spinner, message bar) is about 400 kB before
    // gzip; role pages load on demand. A warning here means something heavy slipped into the first view.
    chunkSizeWarningLimit: 450,
    rolldownOptions: {
      // The app, and the two consent pages Teams' authentication window shows (see components/consent-prompt.tsx).
      input: { main: resolve(tabRoot, 'index.html'), consent: resolve(tabRoot, 'consent.html'), consentEnd: resolve(tabRoot, 'consent-end.html') },
      onwarn(warning, warn) {
        // Fluent marks its modules 'use client' for React Server Components; a client-only bundle can ignore it.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `vite --config tab/vite.config.ts` for tab work: the API comes from `npm start` on its default port.
    proxy: { '/api': 'http://localhost:3978', '/dev-issuer': 'http://localhost:3978' },
  },
});
