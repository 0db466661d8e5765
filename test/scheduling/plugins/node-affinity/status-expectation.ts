/** Compact expected statuses for plugin tables: code and reasons, as upstream tests compare them. */
import { expect } from 'vitest';
import { Code, type Status } from '../../../../src/scheduling/framework/status.js';

export type ExpectedStatus = { code: Code; reason?: string } | null;

export const unresolvable = (reason: string): ExpectedStatus => ({ code: Code.UnschedulableAndUnresolvable, reason });
export const skip: ExpectedStatus = { code: Code.Skip };

export function expectStatus(got: Status | null, want: ExpectedStatus): void {
  if (want === null) {
    expect(got).toBeNull();
    return;
  }
  expect(got).not.toBeNull();
  expect(got!.code).toBe(want.code);
  expect(got!.reasons).toEqual(want.reason === undefined ? [] : [want.reason]);
}
