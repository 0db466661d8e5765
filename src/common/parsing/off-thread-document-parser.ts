/**
 * Parses request bodies (YAML above all) on a worker thread, so a large
 * upload does not stall the event loop: the `yaml` package reads about
 * 1.5 MB/s, so `kubectl get nodes,pods -o yaml` of a 5,000-node cluster
 * (21 MB) held every other request, liveness probes included, for 14 s
 * (`npm run bench:import`). The thread also bounds the parse's memory: the
 * syntax tree takes some 25 times the text (500 MB for those 21 MB), and a
 * body past the thread's heap ends that thread with a 413, not the service
 * with an out-of-memory crash.
 *
 * One thread, one body at a time, in arrival order; started on first use and
 * replaced after it dies. Small bodies, and every body when the compiled
 * thread script is absent (TypeScript sources under test), are parsed on the
 * calling thread, with the same result.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseDocuments, type DocumentFormat } from '../../kube/documents.js';
import { InvalidInputError } from '../../kube/field-error.js';
import { DomainError } from '../errors/domain-error.js';
import type { ParseReply, ParseRequest } from './document-parse-messages.js';

/** The compiled thread entry beside this module; absent when running from TypeScript sources. */
export const DOCUMENT_PARSER_THREAD_SCRIPT = new URL('./document-parser-thread.js', import.meta.url);

/** Below this many characters a parse takes a few milliseconds: less than the hop to the thread. */
export const INLINE_PARSE_CHARACTERS = 64 * 1024;

export interface OffThreadDocumentParserOptions {
  /** The thread's old-generation heap, in MiB (PODPLAN_PARSE_HEAP_MB). */
  readonly heapMegabytes: number;
  /** The thread entry (tests pass a missing one to see the fallback). */
  readonly script?: URL;
}

interface PendingParse {
  readonly request: ParseRequest;
  resolve(documents: unknown[]): void;
  reject(error: Error): void;
}

export class OffThreadDocumentParser {
  private readonly script: URL;
  /** Whether parses go to the thread at all: the compiled script exists. */
  readonly offThread: boolean;
  private worker: Worker | undefined;
  private current: PendingParse | undefined;
  private readonly queue: PendingParse[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: OffThreadDocumentParserOptions) {
    this.script = options.script ?? DOCUMENT_PARSER_THREAD_SCRIPT;
    this.offThread = existsSync(fileURLToPath(this.script));
  }

  /** kube/documents.ts `parseDocuments`, with the same documents and the same InvalidInputError. */
  parse(text: string, format: DocumentFormat, basePath: string): Promise<unknown[]> {
    if (!this.offThread || text.length < INLINE_PARSE_CHARACTERS) {
      try {
        return Promise.resolve(parseDocuments(text, format, basePath));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    if (this.closed) return Promise.reject(new Error('the document parser is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, text, format, basePath }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const waiting = [...(this.current === undefined ? [] : [this.current]), ...this.queue.splice(0)];
    this.current = undefined;
    for (const pending of waiting) pending.reject(new Error('the document parser closed'));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private dispatch(): void {
    if (this.current !== undefined || this.queue.length === 0) return;
    const pending = this.queue.shift()!;
    this.current = pending;
    this.thread().postMessage(pending.request);
  }

  private thread(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.options.heapMegabytes } });
    // An idle parser thread must not keep the process alive.
    worker.unref();
    worker.on('message', (reply: ParseReply) => this.onReply(reply));
    worker.on('error', (error: Error & { code?: string }) => this.onThreadLost(worker, error));
    worker.on('exit', (code) => this.onThreadLost(worker, new Error(`the document parser thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private onReply(reply: ParseReply): void {
    const pending = this.current;
    if (pending === undefined || pending.request.id !== reply.id) return;
    this.current = undefined;
    if ('documents' in reply) pending.resolve(reply.documents);
    else if ('errors' in reply) pending.reject(new InvalidInputError(reply.errors));
    else pending.reject(new Error(`parsing ${pending.request.basePath} failed: ${reply.failure}`));
    this.dispatch();
  }

  private onThreadLost(worker: Worker, error: Error & { code?: string }): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const pending = this.current;
    this.current = undefined;
    if (pending !== undefined) pending.reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? this.tooLarge(pending) : error);
    // What waits goes to a new thread; a body that ended one does not end the next.
    if (!this.closed) this.dispatch();
  }

  private tooLarge(pending: PendingParse): DomainError {
    const { format, text } = pending.request;
    return new DomainError(
      'PAYLOAD_TOO_LARGE',
      `parsing this ${text.length}-character ${format.toUpperCase()} body needs more memory than PODPLAN_PARSE_HEAP_MB=${this.options.heapMegabytes} MiB allows: ` +
        'send it as JSON (kubectl get -o json), whose parse needs far less, or in smaller parts, or raise PODPLAN_PARSE_HEAP_MB',
    );
  }
}
