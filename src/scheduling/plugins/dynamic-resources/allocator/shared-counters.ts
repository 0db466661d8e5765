/**
 * Shared counters of partitionable devices (allocator_incubating.go
 * checkAvailableCounters and deallocateCountersForDevice): a pool's counter
 * sets, less what the devices already allocated in the cluster consume
 * (on this node's slices and on the pool's slices for other nodes), are
 * what the devices this run allocates may consume together. A device fits
 * when, with its consumption added, no counter of any set is overdrawn.
 */
import { quantityNanos } from '../../../../kube/quantity.js';
import type { Pool, PoolDevice } from './pools.js';

type CounterTotals = Map<string, Map<string, bigint>>;

function add(totals: CounterTotals, counterSet: string, counter: string, amount: bigint): void {
  let set = totals.get(counterSet);
  if (set === undefined) totals.set(counterSet, (set = new Map()));
  set.set(counter, (set.get(counter) ?? 0n) + amount);
}

export class SharedCounters {
  private readonly available = new Map<Pool, CounterTotals>();
  private readonly consumed = new Map<Pool, CounterTotals>();

  constructor(private readonly allocatedDevices: ReadonlyMap<string, true>) {}

  private availableIn(pool: Pool): CounterTotals {
    let totals = this.available.get(pool);
    if (totals !== undefined) return totals;
    totals = new Map([...pool.counterSets].map(([name, counters]) => [name, new Map(counters)]));
    for (const slice of [...pool.slices, ...pool.slicesNotTargetingNode]) {
      for (const device of slice.spec.devices ?? []) {
        if (!this.allocatedDevices.has(`${slice.spec.driver}/${slice.spec.pool.name}/${device.name}`)) continue;
        for (const consumption of device.consumesCounters ?? []) {
          const set = totals.get(consumption.counterSet);
          for (const [name, counter] of Object.entries(consumption.counters ?? {})) {
            const value = set?.get(name);
            if (set !== undefined && value !== undefined) set.set(name, value - quantityNanos(counter.value));
          }
        }
      }
    }
    this.available.set(pool, totals);
    return totals;
  }

  private consumedIn(pool: Pool): CounterTotals {
    let totals = this.consumed.get(pool);
    if (totals === undefined) this.consumed.set(pool, (totals = new Map()));
    return totals;
  }

  /** Adds the device's consumption; false (and nothing added) when some counter would be overdrawn. */
  take(device: PoolDevice): boolean {
    const available = this.availableIn(device.source);
    const consumed = this.consumedIn(device.source);
    for (const consumption of device.device.consumesCounters ?? []) {
      for (const [name, counter] of Object.entries(consumption.counters ?? {})) add(consumed, consumption.counterSet, name, quantityNanos(counter.value));
    }
    for (const [setName, counters] of available) {
      for (const [name, value] of counters) {
        if (value < (consumed.get(setName)?.get(name) ?? 0n)) {
          this.release(device);
          return false;
        }
      }
    }
    return true;
  }

  release(device: PoolDevice): void {
    const consumed = this.consumedIn(device.source);
    for (const consumption of device.device.consumesCounters ?? []) {
      for (const [name, counter] of Object.entries(consumption.counters ?? {})) add(consumed, consumption.counterSet, name, -quantityNanos(counter.value));
    }
  }
}
