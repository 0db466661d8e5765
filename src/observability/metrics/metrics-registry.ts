/**
 * The process's Prometheus registry (prom-client), injected everywhere as
 * MetricsRegistry. Any module defines its own instruments through it:
 *
 *   const renewals = metrics.counter({ name: 'plan_lease_renewals_total', help: '…', labelNames: ['result'] });
 *
 * Names get the `podplan_` prefix the API contract promises (given without
 * it, or with it). Asking twice for the same name returns the instrument
 * made the first time, so two providers may share one without coordinating;
 * asking for it with another type or labels is a programming error and throws.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client';

export const METRIC_PREFIX = 'podplan_';

interface Definition<Label extends string> {
  /** Without or with the `podplan_` prefix. */
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly Label[];
}

export interface CounterDefinition<Label extends string> extends Definition<Label> {
  /** Runs on every scrape, before the value is read (e.g. to add what a pool accumulated since the last one). */
  readonly collect?: (this: Counter<Label>) => void | Promise<void>;
}

export interface GaugeDefinition<Label extends string> extends Definition<Label> {
  /** Runs on every scrape, before the value is read: set the gauge from the current state here. */
  readonly collect?: (this: Gauge<Label>) => void | Promise<void>;
}

export interface HistogramDefinition<Label extends string> extends Definition<Label> {
  readonly buckets: readonly number[];
}

export interface MetricsScrape {
  readonly contentType: string;
  readonly body: string;
}

export function prefixed(name: string): string {
  return name.startsWith(METRIC_PREFIX) ? name : `${METRIC_PREFIX}${name}`;
}

export class MetricsRegistry {
  readonly registry = new Registry();

  /** `processMetrics`: prom-client's default process and Node.js runtime metrics (CPU, memory, GC, event-loop lag, handles). */
  constructor(options: { processMetrics: boolean } = { processMetrics: true }) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  counter<Label extends string = never>(definition: CounterDefinition<Label>): Counter<Label> {
    return this.getOrCreate(definition, Counter, () => new Counter<Label>(this.options(definition)));
  }

  gauge<Label extends string = never>(definition: GaugeDefinition<Label>): Gauge<Label> {
    return this.getOrCreate(definition, Gauge, () => new Gauge<Label>(this.options(definition)));
  }

  histogram<Label extends string = never>(definition: HistogramDefinition<Label>): Histogram<Label> {
    return this.getOrCreate(definition, Histogram, () => new Histogram<Label>({ ...this.options(definition), buckets: [...definition.buckets] }));
  }

  /** The Prometheus text exposition of every metric, collectors run first. */
  async scrape(): Promise<MetricsScrape> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private options<Label extends string>(definition: Definition<Label> & { collect?: unknown }) {
    return {
      name: prefixed(definition.name),
      help: definition.help,
      labelNames: [...(definition.labelNames ?? [])],
      registers: [this.registry],
      ...(definition.collect ? { collect: definition.collect } : {}),
    } as { name: string; help: string; labelNames: Label[]; registers: Registry[] };
  }

  private getOrCreate<Instrument extends Metric<string>>(
    definition: Definition<string>,
    type: abstract new (...args: never[]) => Instrument,
    create: () => Instrument,
  ): Instrument {
    const name = prefixed(definition.name);
    const existing = this.registry.getSingleMetric(name);
    if (existing === undefined) return create();
    const labels = (existing as unknown as { labelNames: string[] }).labelNames;
    const wanted = [...(definition.labelNames ?? [])];
    if (!(existing instanceof type) || labels.length !== wanted.length || labels.some((label, index) => label !== wanted[index])) {
      throw new Error(`metric ${name} is already registered with another type or other labels`);
    }
    return existing;
  }
}
