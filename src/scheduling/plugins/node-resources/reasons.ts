/** NodeResourcesFit's reasons, exactly as upstream noderesources/fit.go spells them. */
export const ErrReasonTooManyPods = 'Too many pods';

/** `Insufficient <resource>`, e.g. "Insufficient cpu", "Insufficient nvidia.com/gpu". */
export function insufficientResourceReason(resourceName: string): string {
  return `Insufficient ${resourceName}`;
}
