/** Numbers as the page shows them. */

/** 0.4567 → "46%"; null (nothing allocatable) → "n/a". */
export function formatShare(share: number | null): string {
  return share === null ? 'n/a' : `${Math.round(share * 100)}%`;
}

export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? singular : pluralForm}`;
}
