import type { AllocatedDevice } from '../api/types.js';

/** `memory 16Gi, cores 2`: what a share consumes, in the order the service lists it. */
function consumedWords(consumed: Record<string, string>): string {
  return Object.entries(consumed)
    .map(([name, quantity]) => `${name} ${quantity}`)
    .join(', ');
}

/**
 * The DRA devices a placed replica's ResourceClaims were allocated, one line
 * per allocation result (status.allocation.devices.results): the device as
 * driver/pool/device, its claim and request (request/subrequest when a
 * prioritized list chose an alternative), admin access, and for a share of a
 * device that allows multiple allocations (DRAConsumableCapacity) its
 * shareID and what it consumes of the device's capacity.
 */
export function AllocatedDeviceList({ devices }: { devices: readonly AllocatedDevice[] }) {
  if (devices.length === 0) return null;
  return (
    <ul className="allocated-devices" aria-label="Allocated devices">
      {devices.map((device) => (
        <li key={`${device.claim}/${device.request}/${device.driver}/${device.pool}/${device.device}/${device.shareID ?? ''}`}>
          <strong>
            {device.driver}/{device.pool}/{device.device}
          </strong>{' '}
          for claim {device.claim}, request {device.request}
          {device.adminAccess && ', admin access (the device stays free for others)'}
          {device.shareID && (
            <>
              {', '}a share (<code>{device.shareID}</code>)
              {device.consumedCapacity && Object.keys(device.consumedCapacity).length > 0 && <> consuming {consumedWords(device.consumedCapacity)}</>}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
