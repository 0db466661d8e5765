/**
 * The worker thread behind OffThreadDocumentParser: parses one request body
 * at a time with kube/documents.ts and posts the documents back, or the
 * field errors of an InvalidInputError, so the caller rethrows exactly what
 * parsing on its own thread would have thrown.
 */
import { parentPort } from 'node:worker_threads';
import { parseDocuments } from '../../kube/documents.js';
import { InvalidInputError } from '../../kube/field-error.js';
import type { ParseReply, ParseRequest } from './document-parse-messages.js';

if (parentPort === null) throw new Error('document-parser-thread.js runs as a worker thread only');
const port = parentPort;

port.on('message', (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: request.id, documents: parseDocuments(request.text, request.format, request.basePath) };
  } catch (error) {
    reply = error instanceof InvalidInputError ? { id: request.id, errors: error.errors } : { id: request.id, failure: String(error) };
  }
  port.postMessage(reply);
});
