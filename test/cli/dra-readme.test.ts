/**
 * The README's DRA example runs as written (read from README.md, so the
 * README cannot drift from what works): a node with two GPUs, three
 * replicas claiming one each — two placed with their device, the third
 * unplaceable with kube-scheduler's FailedScheduling text, exit code 3.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readmeBlock } from '../support/readme-blocks.js';
import { ensureBuiltCli, podplan, REPOSITORY_ROOT } from './support/built-cli.js';

const README_SECTION = '**DRA planning from the command line.**';

/** The `podplan …` lines of the README's DRA block, and the table printed after it. */
function readmeExample(): { commands: string[][]; table: string[] } {
  const readme = readFileSync(`${REPOSITORY_ROOT}/README.md`, 'utf8');
  const section = readme.slice(readme.indexOf(README_SECTION));
  const end = section.indexOf('```', section.indexOf('```sh') + 5);
  const commands = readmeBlock('dra-cli')
    .split('\n')
    .filter((line) => line.startsWith('podplan '))
    .map((line) => line.split(/\s+/).slice(1));
  const after = section.slice(end + 3).split('\n\n(')[0];
  const table = after.split('\n').filter((line) => line.startsWith('    ')).map((line) => line.slice(4));
  return { commands, table };
}

const columns = (line: string) => line.split(/\s{3,}/);

beforeAll(ensureBuiltCli);

describe('README: DRA planning', () => {
  it('the example runs as written and prints the table the README shows', async () => {
    const { commands, table } = readmeExample();
    expect(commands).toEqual([['simulate', '-f', 'gpu-cluster.yaml', '-f', 'gpu-training.yaml']]);
    const run = await podplan(commands[0]);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
    const printed = run.stdout.trimEnd().split('\n').filter((line) => line !== '');
    // Every column as the README shows it; the README shortens the score breakdown of placed replicas to (…).
    expect(printed.map((line) => columns(line).slice(0, 7))).toEqual(table.map((line) => columns(line).slice(0, 7)));
    expect(columns(printed[3])[7]).toBe(columns(table[3])[7]);
    expect(columns(printed[3])[7]).toBe('0/1 nodes are available: 1 cannot allocate all claims. still not schedulable, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
    expect(columns(printed[1])[6]).toBe('gpu.example.com/gpu-1: gpu-0');
    expect(columns(printed[2])[6]).toBe('gpu.example.com/gpu-1: gpu-1');
    expect(printed.at(-1)).toBe(table.at(-1));
  });

  it('tables without devices keep their columns', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml']);
    expect(columns(run.stdout.split('\n')[0])).toEqual(['WORKLOAD', 'REPLICA', 'POD', 'NODE', 'ZONE', 'SCORE', 'REASON']);
  });
});
