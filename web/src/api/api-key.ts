/**
 * The API key the person typed, kept for this browser tab only
 * (sessionStorage): gone when the tab closes, never written to disk.
 */
const STORAGE_KEY = 'podplan.apiKey';

export function readApiKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function saveApiKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
