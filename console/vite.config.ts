import { defineConfig } from 'vite';

// The console is static files: built once, served from S3 + CloudFront in AWS and by npm start locally.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  logLevel: 'warn',
});
