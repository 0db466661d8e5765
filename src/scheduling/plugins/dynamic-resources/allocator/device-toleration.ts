/**
 * resourceclaim/devicetoleration.go ToleratesTaint: a device toleration
 * tolerates a device taint when its effect (if set) and key (if set) match,
 * and with operator Exists, or Equal (the default) and the same value.
 */
import type { V1DeviceTaint, V1DeviceToleration } from '@kubernetes/client-node';

export function toleratesDeviceTaint(toleration: V1DeviceToleration, taint: V1DeviceTaint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}
