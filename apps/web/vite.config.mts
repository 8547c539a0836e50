import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built into apps/web/dist, which the API serves on the same origin as /graphql.
// `npm run web:dev` proxies the API so the dev server behaves the same way.
const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.SWITCHYARD_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    proxy: Object.fromEntries(['/graphql', '/calendar', '/profiles', '/health'].map((p) => [p, api])),
  },
});
