/**
 * The process around a command, passed in rather than read from globals so
 * commands can be run and tested in-process; main.ts is the only file that
 * touches `process`.
 */
export interface OutputStream {
  write(chunk: string): boolean;
  /** True when a person is watching (a terminal), false when piped or redirected. */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Read only for `-f -`. */
  readonly stdin: AsyncIterable<Buffer | string>;
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Relative file arguments resolve against it. */
  readonly workingDirectory: string;
}
