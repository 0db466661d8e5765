/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each of the built
 * bundles, once at build time, so the service sends GraphiQL's 7 MB as about
 * 2 MB without compressing on every request (src/auth/graphiql-page.ts picks
 * the copy the browser accepts; browsers send `br` on HTTPS only, so plain
 * HTTP deployments get gzip).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text bundles and the icon font compress well; below 1 KiB a copy saves nothing worth a file. */
const COMPRESSIBLE = /\.(js|css|ttf|svg|json)$/;
const MIN_BYTES = 1024;

export function precompressAssets(assetsDirectory: string): Plugin {
  return {
    name: 'podplan-precompress-assets',
    apply: 'build',
    closeBundle() {
      for (const name of readdirSync(assetsDirectory)) {
        if (!COMPRESSIBLE.test(name)) continue;
        const content = readFileSync(join(assetsDirectory, name));
        if (content.length < MIN_BYTES) continue;
        // Quality 9, not 11: within a few per cent of the smallest, in a fraction of the build time.
        writeFileSync(join(assetsDirectory, `${name}.br`), brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        writeFileSync(join(assetsDirectory, `${name}.gz`), gzipSync(content, { level: 9 }));
      }
    },
  };
}
