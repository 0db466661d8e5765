/**
 * One colour per workload, in the plan's workload order. The hues are
 * Okabe–Ito's, chosen to stay distinguishable under colour-vision deficiency;
 * chips also carry the workload's name, so colour is never the only cue.
 * The colours themselves are CSS variables (workload-palette.css): each theme
 * has its own shades, so every chip keeps WCAG's 3:1 non-text contrast
 * against the page and card backgrounds (Okabe–Ito's black vanishes on the
 * dark background, its yellow on the light one).
 */
import type { CSSProperties } from 'react';

/** How many colours workload-palette.css defines (--workload-0 … --workload-7). */
export const PALETTE_SIZE = 8;

/** Workload key → its palette slot. */
export type WorkloadColours = ReadonlyMap<string, number>;

export function assignWorkloadColours(workloadKeys: readonly string[]): WorkloadColours {
  return new Map(workloadKeys.map((key, index) => [key, index % PALETTE_SIZE]));
}

/** The chip colours of a workload: its slot's fill and the text that reads on it; a neutral grey for a workload the plan does not list. */
export function workloadChipStyle(colours: WorkloadColours, workloadKey: string): CSSProperties {
  const slot = colours.get(workloadKey);
  return slot === undefined
    ? { background: 'var(--workload-unknown)', color: 'var(--workload-unknown-text)' }
    : { background: `var(--workload-${slot})`, color: `var(--workload-${slot}-text)` };
}
