import type { TooltipPlacement } from './node-details.js';

const GAP = 4;
const MARGIN = 8;

/**
 * Below the anchor when the tooltip fits there, above it otherwise, and
 * always inside the viewport (clamped to its edges).
 */
export function placeTooltip(anchor: DOMRect, tooltip: { width: number; height: number }, viewport: { width: number; height: number }): TooltipPlacement {
  const below = anchor.bottom + GAP;
  const above = anchor.top - GAP - tooltip.height;
  const top = below + tooltip.height <= viewport.height - MARGIN || above < MARGIN ? below : above;
  const maxTop = Math.max(MARGIN, viewport.height - MARGIN - tooltip.height);
  const maxLeft = Math.max(MARGIN, viewport.width - MARGIN - tooltip.width);
  return { top: Math.min(Math.max(MARGIN, top), maxTop), left: Math.min(Math.max(MARGIN, anchor.left), maxLeft) };
}
