/**
 * YAML bodies parsed on a worker thread (common/parsing): from a compiled
 * private copy, since Node 20 cannot start a thread from TypeScript. The same
 * documents and the same field errors as parsing on the calling thread, the
 * event loop free meanwhile, and a body past the thread's heap refused with
 * 413 without taking the next body (or the process) down.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OffThreadDocumentParser as OffThreadDocumentParserType } from '../../src/common/parsing/off-thread-document-parser.js';
import { INLINE_PARSE_CHARACTERS, OffThreadDocumentParser as SourceParser } from '../../src/common/parsing/off-thread-document-parser.js';
import { parseDocuments } from '../../src/kube/documents.js';
import { makeNode, makePod } from '../support/builders.js';
import { buildPrivateCopy, type PrivateBuild } from '../jobs/support/private-build.js';

/** `kubectl get nodes,pods -o yaml` of a cluster of `nodes` nodes with two pods each: one List document. */
function clusterYaml(nodes: number): string {
  const items: object[] = [];
  for (let index = 0; index < nodes; index++) {
    items.push(makeNode(`node-${index}`).label('topology.kubernetes.io/zone', `zone-${index % 3}`).capacity({ cpu: '4', memory: '16Gi', pods: '110' }).obj());
    for (const replica of [0, 1]) items.push(makePod(`app-${index}-${replica}`).label('app', `app-${index}`).node(`node-${index}`).container({ cpu: '100m', memory: '128Mi' }).obj());
  }
  return stringify({ apiVersion: 'v1', kind: 'List', items });
}

describe('OffThreadDocumentParser', () => {
  let build: PrivateBuild;
  let OffThreadDocumentParser: typeof OffThreadDocumentParserType;
  const parsers: OffThreadDocumentParserType[] = [];
  const parser = (heapMegabytes = 1024) => {
    const created = new OffThreadDocumentParser({ heapMegabytes });
    parsers.push(created);
    return created;
  };

  beforeAll(async () => {
    build = await buildPrivateCopy();
    const module = (await import(pathToFileURL(join(build.directory, 'src/common/parsing/off-thread-document-parser.js')).href)) as typeof import('../../src/common/parsing/off-thread-document-parser.js');
    OffThreadDocumentParser = module.OffThreadDocumentParser;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(parsers.map((created) => created.close()));
    await build?.remove();
  });

  it('gives the documents of a parse on the calling thread, while the event loop keeps running', async () => {
    const text = clusterYaml(400);
    const threaded = parser();
    expect(threaded.offThread).toBe(true);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 1);
    const documents = await threaded.parse(text, 'yaml', 'objects');
    clearInterval(ticker);
    expect(documents).toEqual(parseDocuments(text, 'yaml', 'objects'));
    expect(documents).toHaveLength(1);
    expect((documents[0] as { items: unknown[] }).items).toHaveLength(1200);
    // Parsing on this thread would have let no timer run until it finished.
    expect(ticks).toBeGreaterThan(0);
  });

  it('rejects malformed YAML with the field errors of a parse on the calling thread', async () => {
    const text = `${clusterYaml(200)}\n- kind: Pod\n   metadata: {name: [unclosed\n`;
    let inline: unknown;
    try {
      parseDocuments(text, 'yaml', 'workloads');
    } catch (error) {
      inline = error;
    }
    expect((inline as { name?: string }).name).toBe('InvalidInputError');
    const threaded = await parser().parse(text, 'yaml', 'workloads').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((threaded as { name?: string }).name).toBe('InvalidInputError');
    expect((threaded as { errors: unknown }).errors).toEqual((inline as { errors: unknown }).errors);
    expect((threaded as { errors: Array<{ path: string; message: string }> }).errors[0]).toMatchObject({ path: 'workloads', message: expect.stringMatching(/^invalid YAML at line \d+, column \d+: /) });
  });

  it('refuses a body whose parse outgrows the thread heap with 413, and parses the next body on a new thread', async () => {
    const small = parser(64);
    const refused = await small.parse(clusterYaml(4000), 'yaml', 'objects').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('PODPLAN_PARSE_HEAP_MB=64 MiB') });
    const next = clusterYaml(150);
    expect(next.length).toBeGreaterThan(INLINE_PARSE_CHARACTERS);
    expect(await small.parse(next, 'yaml', 'objects')).toEqual(parseDocuments(next, 'yaml', 'objects'));
  }, 120_000);

  it('parses bodies one at a time in arrival order, each answered with its own documents', async () => {
    const threaded = parser();
    const texts = [clusterYaml(120), clusterYaml(80), clusterYaml(100)];
    for (const text of texts) expect(text.length).toBeGreaterThan(INLINE_PARSE_CHARACTERS);
    const answers = await Promise.all(texts.map((text, index) => threaded.parse(text, 'yaml', `objects${index}`)));
    expect(answers.map((documents) => (documents[0] as { items: unknown[] }).items.length)).toEqual([360, 240, 300]);
    expect(answers[1]).toEqual(parseDocuments(texts[1], 'yaml', 'objects1'));
  });

  it('answers the parse in flight and those waiting when it is closed (shutdown), and takes no more', async () => {
    const closing = parser();
    const texts = [clusterYaml(300), clusterYaml(150)];
    for (const text of texts) expect(text.length).toBeGreaterThan(INLINE_PARSE_CHARACTERS);
    const answers = texts.map((text) => closing.parse(text, 'yaml', 'objects').then(() => 'parsed', (error: Error) => error.message));
    await closing.close();
    expect(await Promise.all(answers)).toEqual(['the document parser closed', 'the document parser closed']);
    await expect(closing.parse(texts[1], 'yaml', 'objects')).rejects.toThrow('the document parser is closed');
  });

  it('parses on the calling thread when the compiled thread script is absent (TypeScript sources)', async () => {
    const fromSources = new SourceParser({ heapMegabytes: 64, script: new URL('./missing-thread.js', import.meta.url) });
    expect(fromSources.offThread).toBe(false);
    const text = clusterYaml(100);
    expect(await fromSources.parse(text, 'yaml', 'objects')).toEqual(parseDocuments(text, 'yaml', 'objects'));
    await fromSources.close();
  });
});
