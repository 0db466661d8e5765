/** Hands text to the browser as a file download (a Blob behind an object URL, released once the download has started). */
export function downloadText(fileName: string, mediaType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a plan's name (or id): letters, digits, dot, dash and underscore kept, the rest dashes. */
export function fileNameFor(stem: string, extension: string): string {
  const safe = stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'plan';
  return `${safe}.${extension}`;
}
