/**
 * Sends a large JSON document piece by piece: the object's fields as usual,
 * and one array field (a simulation's `placements`) an element at a time,
 * waiting for the socket to drain when its buffer is full. A full explanation
 * of thousands of replicas × nodes is tens of megabytes of JSON; serialised
 * whole it would exist twice in memory (objects, then one string) and hold
 * the event loop for the whole stringify. The bytes are those JSON.stringify
 * would give.
 */
import type { Response } from 'express';

function drained(response: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

export async function sendStreamedJson<T extends object>(response: Response, document: T, streamed: keyof T & string): Promise<void> {
  response.status(200).type('application/json');
  const write = async (text: string): Promise<void> => {
    if (!response.write(text)) await drained(response);
  };
  let first = true;
  await write('{');
  for (const [key, value] of Object.entries(document)) {
    if (value === undefined) continue;
    await write(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (key !== streamed || !Array.isArray(value)) {
      await write(JSON.stringify(value));
      continue;
    }
    await write('[');
    for (let index = 0; index < value.length && !response.destroyed; index++) {
      await write(`${index === 0 ? '' : ','}${JSON.stringify(value[index]) ?? 'null'}`);
    }
    await write(']');
  }
  response.end('}');
}
