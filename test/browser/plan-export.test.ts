/**
 * Exporting a stored plan from the viewer, in Chromium against the real
 * service (real HTTP, real Postgres): JSON is the plan document exactly as
 * `GET /v1/plans/{id}` answers it; CSV has one row per replica with the same
 * facts, kube-scheduler's messages (commas and all) quoted as RFC 4180 says.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { spreadWeb, useThreeZonesViewer } from './three-zones-viewer.js';

/** RFC 4180 records: fields split on commas outside quotes, `""` inside quotes one quote, records on CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      record.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index++;
    } else field += character;
  }
  expect(field, 'the file ends with CRLF').toBe('');
  return records;
}

async function download(page: Page, button: string): Promise<{ fileName: string; text: string }> {
  const [started] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await started.path();
  return { fileName: started.suggestedFilename(), text: await readFile(path, 'utf8') };
}

interface StoredPlacement {
  namespace: string;
  pod: string;
  workload: { kind: string; name: string };
  replica: number;
  node: string | null;
  zone: string | null;
  score: number | null;
  feasibleNodes: number;
  evaluatedNodes: number;
  message: string;
}

describe('exporting a plan from the viewer', () => {
  // Four replicas, one per zone at most: the fourth is unplaceable, with a message full of commas.
  const viewer = useThreeZonesViewer({ spread: { name: 'spread web', workloads: [spreadWeb(4)] } });

  it('downloads the plan document as JSON, as the REST API answers it', async () => {
    const { page } = viewer.browser;
    await page.goto(`/?topology=${viewer.topologyId}&plan=${viewer.planIds.spread}`);
    await page.getByRole('heading', { name: 'Plan “spread web”' }).waitFor();
    await viewer.browser.screenshot('export-01-plan-actions');

    const { fileName, text } = await download(page, 'Export JSON');
    expect(fileName).toBe('plan-spread-web.json');
    const served = await viewer.testApp.http().get(`/v1/plans/${viewer.planIds.spread}`).expect(200);
    expect(JSON.parse(text)).toEqual(served.body);
    expect(served.body.placements).toHaveLength(4);
  });

  it('downloads the placements as CSV, one row per replica, messages quoted', async () => {
    const { page } = viewer.browser;
    const { fileName, text } = await download(page, 'Export CSV');
    expect(fileName).toBe('plan-spread-web.csv');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['namespace', 'pod', 'kind', 'workload', 'replica', 'node', 'zone', 'score', 'feasibleNodes', 'evaluatedNodes', 'message']);
    const placements = (await viewer.testApp.http().get(`/v1/plans/${viewer.planIds.spread}`).expect(200)).body.placements as StoredPlacement[];
    expect(rows).toEqual(
      placements.map((placement) => [
        placement.namespace,
        placement.pod,
        placement.workload.kind,
        placement.workload.name,
        String(placement.replica),
        placement.node ?? '',
        placement.zone ?? '',
        placement.score === null ? '' : String(placement.score),
        String(placement.feasibleNodes),
        String(placement.evaluatedNodes),
        placement.message,
      ]),
    );
    // The unplaceable replica: no node, and upstream's message intact although it holds commas.
    const unplaceable = rows.find((row) => row[5] === '');
    expect(unplaceable?.[10]).toMatch(/^0\/6 nodes are available: 6 node\(s\) didn't match pod anti-affinity rules\..*,/);
    expect(text).toContain(`,"${unplaceable?.[10]}"\r\n`);
  });

  it('offers no export for a dry run, which is not stored', async () => {
    const { page } = viewer.browser;
    await page.getByLabel('Workload YAML').fill('apiVersion: v1\nkind: Pod\nmetadata: {name: one}\nspec: {containers: [{name: one, image: one}]}\n');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Dry run (not stored)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Export JSON' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(0);
  });
});
