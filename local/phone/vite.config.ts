import { defineConfig } from 'vite';

// The local phone page: built apart from the staff console (whose build the CDK deploys), into
// local/phone/dist, and served by npm start at /phone/ only.
export default defineConfig({
  root: import.meta.dirname,
  base: '/phone/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  logLevel: 'warn',
});
