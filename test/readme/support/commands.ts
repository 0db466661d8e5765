/**
 * A README block as separate commands, the way a reader runs them one after another at a prompt: comment
 * lines and blank lines dropped, `\`-continued lines joined, each command with its own exit code.
 */
export function commandsOf(block: string): string[] {
  const commands: string[] = [];
  let pending = '';
  for (const line of block.split('\n')) {
    if (pending === '' && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    commands.push(pending + line);
    pending = '';
  }
  if (pending !== '') commands.push(pending.trimEnd());
  return commands;
}

/** `export NAME=VALUE` as the shell would leave it, for commands run one at a time. */
export function exported(command: string): [string, string] | undefined {
  const match = /^export ([A-Z_][A-Z0-9_]*)=(\S+)$/.exec(command.replace(/\s+#.*$/, '').trim());
  return match ? [match[1], match[2]] : undefined;
}
