/**
 * One colour per workload, in the plan's workload order. The palette is
 * Okabe–Ito's, chosen to stay distinguishable under colour-vision deficiency;
 * chips also carry the workload's name, so colour is never the only cue.
 */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export type WorkloadColours = ReadonlyMap<string, string>;

export function assignWorkloadColours(workloadKeys: readonly string[]): WorkloadColours {
  return new Map(workloadKeys.map((key, index) => [key, PALETTE[index % PALETTE.length]]));
}

/** Black or white, whichever reads on the given background (WCAG relative luminance). */
export function textColourOn(background: string): string {
  const channels = [1, 3, 5].map((offset) => parseInt(background.slice(offset, offset + 2), 16) / 255);
  const [red, green, blue] = channels.map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  return luminance > 0.4 ? '#000000' : '#ffffff';
}
