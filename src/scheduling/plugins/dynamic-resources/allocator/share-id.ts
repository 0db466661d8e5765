/**
 * The shareID of an allocation of a device that allows multiple
 * allocations. Upstream (allocator_experimental.go allocateDevice) draws a
 * random UUID (GenerateNewShareID); a plan must be reproducible, so podplan
 * derives a UUID-shaped id from the claim, the result's position in it and
 * the device: distinct for every share a plan makes, the same in every run.
 */
import { fnv32a } from '../../../../kube/expansion/hashing.js';

export function shareIdFor(claimKey: string, resultIndex: number, deviceId: string): string {
  const seed = `${claimKey}\u0000${resultIndex}\u0000${deviceId}`;
  const digits = [0, 1, 2, 3].map((salt) => fnv32a(`${salt}\u0000${seed}`).toString(16).padStart(8, '0')).join('');
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}
