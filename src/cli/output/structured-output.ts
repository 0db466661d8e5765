/** `-o json` and `-o yaml`: the documents the REST API returns, as they are. */
import { stringify } from 'yaml';
import type { OutputStream } from '../cli-io.js';

export function writeStructured(stream: OutputStream, format: 'json' | 'yaml', value: unknown): void {
  // aliasDuplicateObjects: false — repeated sub-objects are written out in full, never as YAML anchors.
  stream.write(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value, { aliasDuplicateObjects: false }));
}
