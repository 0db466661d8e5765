/**
 * Error and warning paths point into the list the engine or the server was
 * given (`workloads[3].spec.replicas`, `cluster.objects[7].status`); the user
 * gave files. These rewrite the list position into the object's file
 * position (`manifests/web.yaml[0].spec.replicas`).
 */
import type { FieldError } from '../../kube/field-error.js';

export type PathRewrite = (path: string) => string | undefined;

/** `base[i]rest` → `origins[i]rest`; `base` alone → `whole`. */
export function listPositions(base: string, origins: readonly string[], whole: string): PathRewrite {
  return (path) => {
    if (path === base) return whole;
    if (!path.startsWith(`${base}[`)) return undefined;
    const close = path.indexOf(']', base.length);
    const index = Number(path.slice(base.length + 1, close));
    const origin = Number.isInteger(index) ? origins[index] : undefined;
    return origin === undefined ? undefined : `${origin}${path.slice(close + 1)}`;
  };
}

/** `base.rest` → `file: rest`, for a file holding one object (a scheduler configuration). */
export function singleObject(base: string, file: string): PathRewrite {
  return (path) => {
    if (path === base) return file;
    if (path.startsWith(`${base}.`)) return `${file}: ${path.slice(base.length + 1)}`;
    if (path.startsWith(`${base}[`)) return `${file}: ${path.slice(base.length)}`;
    return undefined;
  };
}

export function rewritePath(path: string, rewrites: readonly PathRewrite[]): string {
  for (const rewrite of rewrites) {
    const rewritten = rewrite(path);
    if (rewritten !== undefined) return rewritten;
  }
  return path;
}

export function rewriteFieldErrors<T extends FieldError>(errors: readonly T[], rewrites: readonly PathRewrite[]): T[] {
  return errors.map((error) => ({ ...error, path: rewritePath(error.path, rewrites) }));
}
