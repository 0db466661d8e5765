/**
 * kube-scheduler's FailedScheduling text, built as upstream FitError.Error()
 * (framework/types.go): "0/N nodes are available: <PreFilter msg>." or the
 * histogram of every rejected node's reasons — "<count> <reason>" sorted as
 * Go's sort.Strings sorts them — then any PostFilter message.
 */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface FailureDiagnosis {
  readonly totalNodes: number;
  /** Set when a PreFilter rejected the pod: its Status.Message(). */
  readonly preFilterMessage?: string;
  /** Reason → number of nodes whose (first failing) status carried it. */
  readonly reasonCounts: ReadonlyMap<string, number>;
  /** DefaultPreemption's message, when preemption ran. */
  readonly postFilterMessage?: string;
}

function goStringLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function failedSchedulingMessage(diagnosis: FailureDiagnosis): string {
  if (diagnosis.totalNodes === 0) return NO_NODES_AVAILABLE;
  let message = `0/${diagnosis.totalNodes} nodes are available:`;
  if (diagnosis.preFilterMessage) {
    message += ` ${diagnosis.preFilterMessage}.`;
  } else {
    const histogram = [...diagnosis.reasonCounts].map(([reason, count]) => `${count} ${reason}`).sort(goStringLess);
    if (histogram.length > 0) message += ` ${histogram.join(', ')}.`;
  }
  if (diagnosis.postFilterMessage) message += ` ${diagnosis.postFilterMessage}`;
  return message;
}
