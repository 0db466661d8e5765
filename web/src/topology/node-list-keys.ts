/**
 * Arrow keys through the virtualised node list, as in a grid: up and down
 * move to the same place in the previous or next node (scrolling it into
 * view and rendering it first if needed), left and right move between a
 * node's name and its replicas, Home and End go to the first and last node
 * loaded. Tab still visits everything in order; Enter on a replica opens
 * its explanation (it is a button).
 */
import type { KeyboardEvent } from 'react';

/** What a row offers to the keyboard, in reading order. */
const ROW_STOPS = '.node-identity, .replica-chip';
/** Frames to wait for a row the list has not rendered yet. */
const RENDER_WAIT_FRAMES = 10;

function stopsOf(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(ROW_STOPS)];
}

function focusRow(list: HTMLElement, index: number, column: number, framesLeft: number): void {
  const row = list.querySelector(`[data-index="${index}"]`);
  const stops = row ? stopsOf(row) : [];
  if (stops.length > 0) {
    stops[Math.min(column, stops.length - 1)].focus();
    return;
  }
  if (framesLeft > 0) requestAnimationFrame(() => focusRow(list, index, column, framesLeft - 1));
}

/** The keydown handler of the list; `scrollToIndex` brings a row into view so the list renders it. */
export function nodeListKeyHandler(rowCount: number, scrollToIndex: (index: number) => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    if (!row || rowCount === 0) return;
    const index = Number(row.dataset.index);
    const stops = stopsOf(row);
    const column = Math.max(0, stops.indexOf(target));
    let nextIndex = index;
    let nextColumn = column;
    switch (event.key) {
      case 'ArrowDown':
        nextIndex = Math.min(rowCount - 1, index + 1);
        break;
      case 'ArrowUp':
        nextIndex = Math.max(0, index - 1);
        break;
      case 'Home':
        nextIndex = 0;
        nextColumn = 0;
        break;
      case 'End':
        nextIndex = rowCount - 1;
        nextColumn = 0;
        break;
      case 'ArrowRight':
        nextColumn = Math.min(stops.length - 1, column + 1);
        break;
      case 'ArrowLeft':
        nextColumn = Math.max(0, column - 1);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (nextIndex === index) {
      stops[nextColumn]?.focus();
      return;
    }
    scrollToIndex(nextIndex);
    focusRow(event.currentTarget, nextIndex, nextColumn, RENDER_WAIT_FRAMES);
  };
}
