// Vite builds the app for /app/ on the Directus server (same origin as the API, no CORS). In dev,
// the API paths are proxied to the product started by `npm start` (port 8055).
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const ROOT = path.resolve(import.meta.dirname, '..');
const API = process.env['PHONE_SHOP_API'] ?? 'http://localhost:8055';
const proxied = ['/api', '/items', '/auth', '/users', '/server', '/assets', '/files', '/roles'];

export default defineConfig({
  base: '/app/',
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['icons/icon.svg'],
      manifest: {
        name: 'Phone Shop',
        short_name: 'Phone Shop',
        description: 'Point of sale, repairs, stock and daily closure for phone shops',
        start_url: '/app/pos',
        scope: '/app/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#F9FAFB',
        theme_color: '#1E40AF',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell (HTML, JS, CSS, icons) is precached; API answers are never cached here.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/app/index.html',
        navigateFallbackAllowlist: [/^\/app\//],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
    }),
  ],
  // The permission matrix and the repair workflow are imported from the backend's own modules.
  server: {
    fs: { allow: [ROOT] },
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: API, changeOrigin: true }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: process.env['UI_SOURCEMAP'] === '1',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry needs before the till draws (its static imports) in one chunk:
          // one request instead of thirty-odd, on HTTP/1.1 and a weak connection. Lazy pages keep
          // their own chunks.
          groups: [{ name: 'till', tags: ['$initial'] }],
        },
      },
    },
  },
});
