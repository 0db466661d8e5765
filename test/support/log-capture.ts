/** A log destination that keeps every JSON line the application writes, for tests that read its logs. */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = [];

  write(line: string): void {
    for (const text of line.split('\n')) if (text.trim() !== '') this.lines.push(JSON.parse(text) as Record<string, unknown>);
  }

  withRequestId(requestId: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.requestId === requestId);
  }
}
