/**
 * A refresh interval as people write durations in Kubernetes settings
 * (`90s`, `15m`, `1h30m`, `24h`): hours, minutes and seconds, in that
 * order, each at most once.
 */
const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Seconds, or undefined when the text is not such a duration (or is zero). */
export function parseRefreshInterval(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  const [hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  const total = hours * 3600 + minutes * 60 + seconds;
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/** The shortest spelling: 3600 → `1h`, 5400 → `1h30m`, 45 → `45s`. */
export function formatRefreshInterval(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}${seconds > 0 ? `${seconds}s` : ''}` || '0s';
}
