import { EngineThreadPool, engineThreadScriptAvailable } from './engine-thread-pool.js';
import type { EngineRunner } from './engine-runner.js';
import { InlineEngineRunner } from './inline-engine-runner.js';

/**
 * The thread pool when threads are configured and the compiled thread script
 * exists; otherwise the engine runs inline (TypeScript sources under test, or
 * ENGINE_THREADS=0), and `reason` says why for the start-up log.
 */
export function createEngineRunner(threads: number): { runner: EngineRunner; description: string } {
  if (threads === 0) return { runner: new InlineEngineRunner(), description: 'engine on the main thread (ENGINE_THREADS=0)' };
  if (!engineThreadScriptAvailable()) {
    return { runner: new InlineEngineRunner(), description: 'engine on the main thread (no compiled engine-thread.js: running from sources)' };
  }
  return { runner: new EngineThreadPool(threads), description: `engine on ${threads} worker thread(s)` };
}
