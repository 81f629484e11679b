import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * The dev server's React refresh preamble is an inline script, which the strict CSP in index.html
 * forbids. Production builds keep the meta tag; `vite` dev drops it (the served build is what ships).
 */
function relaxCspInDev(): Plugin {
  return {
    name: 'netloom-relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig({
  root,
  // Relative asset URLs: the same build loads from file://, a custom Electron protocol, or a web server.
  base: './',
  plugins: [react(), relaxCspInDev()],
  // protobufjs (ONNX import/export) probes optional modules with eval, which the CSP forbids.
  resolve: { alias: { '@protobufjs/inquire': fileURLToPath(new URL('./build/shims/protobuf-inquire.cjs', import.meta.url)) } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // NETLOOM_NO_MINIFY=1 keeps names readable for CPU profiles.
    minify: !process.env.NETLOOM_NO_MINIFY,
    chunkSizeWarningLimit: 2500,
  },
  // Training workers lazy-load the MNIST digit files; code splitting in a worker needs ES module format.
  // The worker's copy of the digits gets its own file names: the desktop app trains in its main
  // process and ships the digits as a resource, so its installer leaves these out (build/electron-builder.yml).
  worker: {
    format: 'es',
    rolldownOptions: {
      output: {
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.includes('mnist/src/digits') ? 'assets/worker-mnist-digit-[name]-[hash].js' : 'assets/[name]-[hash].js',
      },
    },
  },
  server: { fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] } },
});
