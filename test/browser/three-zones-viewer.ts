/**
 * The set-up the stored-plan viewer files share: the web app built, a test
 * app holding the six-node `three-zones` topology (plans-fixtures'
 * threeZones: zones a, b, c, two nodes each) with the plans a file asks
 * for stored on it, and Chromium on the served viewer. Every test then fails
 * on a console error. Call it inside describe(); read its fields in tests
 * and hooks (they are set once its beforeAll has run).
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zoneAntiAffinity } from '../e2e/plans-fixtures.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { listen } from './listen.js';
import { buildWebApp } from './web-build.js';

export interface PlanToStore {
  name: string;
  workloads: unknown[];
  /** Edits the plan applies to the topology before placing (added, removed, relabelled nodes…). */
  scenario?: unknown[];
}

export interface ThreeZonesViewer<Key extends string> {
  readonly testApp: TestApp;
  readonly browser: BrowserSession;
  readonly topologyId: string;
  /** The stored plans' ids, by the keys the file gave them. */
  readonly planIds: Readonly<Record<Key, string>>;
  /** Stores another plan on the topology; its id. */
  storePlan(plan: PlanToStore): Promise<string>;
}

/** `web`, one replica per zone at most (required zone anti-affinity): a fourth replica is unplaceable. */
export function spreadWeb(replicas: number) {
  return deployment('web', replicas, zoneAntiAffinity('web'));
}

/** The page's query parameters, as the viewer's shareable URL holds them. */
export function urlQuery(page: Page): Record<string, string> {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

export function useThreeZonesViewer<Key extends string>(plans: Record<Key, PlanToStore>): ThreeZonesViewer<Key> {
  const state: { testApp?: TestApp; browser?: BrowserSession; topologyId?: string; planIds: Partial<Record<Key, string>> } = { planIds: {} };
  const required = <Value>(value: Value | undefined, what: string): Value => {
    if (value === undefined) throw new Error(`${what} is set in beforeAll: read it in a test or a later hook`);
    return value;
  };
  const viewer: ThreeZonesViewer<Key> = {
    get testApp() {
      return required(state.testApp, 'testApp');
    },
    get browser() {
      return required(state.browser, 'browser');
    },
    get topologyId() {
      return required(state.topologyId, 'topologyId');
    },
    get planIds() {
      return state.planIds as Record<Key, string>;
    },
    async storePlan({ name, workloads, scenario }) {
      const plan = await viewer.testApp.http().post(`/v1/topologies/${viewer.topologyId}/plans`).send({ name, workloads, ...(scenario ? { scenario } : {}) }).expect(201);
      return plan.body.id as string;
    },
  };

  beforeAll(async () => {
    await buildWebApp();
    state.testApp = await startTestApp();
    const topology = await state.testApp.http().post('/v1/topologies').send({ name: 'three-zones', objects: threeZones() }).expect(201);
    state.topologyId = topology.body.id as string;
    for (const [key, plan] of Object.entries(plans) as [Key, PlanToStore][]) state.planIds[key] = await viewer.storePlan(plan);
    state.browser = await openBrowser(await listen(state.testApp));
  });

  afterEach(() => {
    expect(viewer.browser.consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await state.browser?.close();
    await state.testApp?.close();
  });

  return viewer;
}
