/**
 * A stored plan as the REST API returns it, and waiting for one: plans
 * above the server's size threshold run as background jobs (`POST` answers
 * 202 with status `queued`); the command line polls `GET /v1/plans/{id}`
 * until the plan settles, feeding its progress to the progress bar.
 */
import type { FieldError } from '../../kube/field-error.js';
import type { Placement, SimulationResult } from '../../simulation/simulation-result.js';
import { badInput, failure } from '../cli-error.js';
import type { ProgressBar } from '../output/progress-bar.js';
import type { ServerClient } from './server-client.js';

export type PlanStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface StoredPlan extends Partial<Pick<SimulationResult, 'summary' | 'mode' | 'seed' | 'kubernetesVersion' | 'warnings'>> {
  readonly id: string;
  readonly revision: number;
  readonly status: PlanStatus;
  readonly progress?: { readonly done: number; readonly total: number };
  readonly error?: { readonly message: string; readonly errors?: readonly FieldError[] };
  readonly placements: readonly Placement[];
}

/** A plan that ran to the end: its result is all there. */
export type FinishedPlan = StoredPlan & Pick<SimulationResult, 'summary' | 'mode' | 'kubernetesVersion' | 'warnings'>;

const POLL_INTERVAL_MS = 500;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The plan once it has succeeded; a failed plan's input errors are bad input, anything else a failure. */
export async function awaitPlan(client: ServerClient, plan: StoredPlan, progress: ProgressBar, pollIntervalMs = POLL_INTERVAL_MS): Promise<FinishedPlan> {
  let current = plan;
  while (current.status === 'queued' || current.status === 'running') {
    if (current.progress) progress.update(current.progress.done, current.progress.total);
    await sleep(pollIntervalMs);
    current = await client.answerAs<StoredPlan>(client.api.GET('/v1/plans/{id}', { params: { path: { id: plan.id } } }));
  }
  progress.finish();
  if (current.status === 'succeeded') return current as FinishedPlan;
  if (current.status === 'failed') {
    const message = `plan ${plan.id} failed: ${current.error?.message ?? 'no reason given'}`;
    const errors = current.error?.errors ?? [];
    throw errors.length > 0 ? badInput(message, errors) : failure(message);
  }
  throw failure(`plan ${plan.id} was cancelled`);
}
