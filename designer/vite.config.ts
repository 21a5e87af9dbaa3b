import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const designerDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = fileURLToPath(new URL('..', import.meta.url));

/** The designer: built into designer/dist, which the server serves; `/api` is the server's. */
export default defineConfig({
  root: designerDir,
  // Relative asset URLs, so the build works wherever the server mounts it.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bpmn-js alone is ~1 MB minified; the warning says nothing we do not know.
    chunkSizeWarningLimit: 2_000,
  },
  resolve: {
    // One preact: @bpmn-io/properties-panel ships its own copy (../preact) and form-js imports
    // `preact`; the form editor renders the panel's components, whose hooks need the same copy.
    alias: [{ find: /^preact(\/.*)?$/, replacement: `${repoDir}node_modules/@bpmn-io/properties-panel/preact$1` }],
  },
  server: {
    // engine/model/ps.json lives outside the designer folder.
    fs: { allow: [repoDir] },
    proxy: { '/api': process.env.TEREZE_API ?? 'http://127.0.0.1:3000' },
  },
});
