/**
 * Utilisation as words, for assistive technology: a meter's name reads
 * "CPU 2 percent" (or "CPU 20 percent, 45 percent after the plan"), never
 * the raw share 0.0234 a bare <meter> value announces.
 */

/** 0.0234 → "2 percent"; null (nothing allocatable) → "nothing allocatable". */
export function shareInWords(share: number | null): string {
  return share === null ? 'nothing allocatable' : `${Math.round(share * 100)} percent`;
}

/** The meter's accessible name: the resource, its share now and, with a plan shown, after it. */
export function utilisationName(label: string, now: number | null, afterPlan: number | null | undefined): string {
  const current = `${label} ${shareInWords(now)}`;
  return afterPlan === undefined || afterPlan === now ? current : `${current}, ${shareInWords(afterPlan)} after the plan`;
}
