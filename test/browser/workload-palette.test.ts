/// <reference lib="dom" />
// The functions passed to evaluate() run in the page, with the DOM.
/**
 * The workload colours, measured in Chromium in both colour schemes on a
 * stored plan with more workloads than the palette has colours: every chip
 * and legend swatch keeps WCAG 2.1's non-text contrast (1.4.11, 3:1)
 * against the page, card and selected-card backgrounds of its theme, the
 * eight colours stay distinct, and a chip's name reads on its fill (4.5:1).
 */
import { describe, expect, it } from 'vitest';
import { deployment } from '../e2e/plans-fixtures.js';
import { contrast } from './contrast-ratio.js';
import { useThreeZonesViewer } from './three-zones-viewer.js';

/** WCAG 2.1 1.4.11, non-text contrast. */
const NON_TEXT_CONTRAST = 3;
/** WCAG 2.1 1.4.3, text contrast (AA). */
const TEXT_CONTRAST = 4.5;
const WORKLOADS = Array.from({ length: 9 }, (_, index) => deployment(`w${index}`, 1));

interface Drawn {
  /** The theme's backgrounds a chip sits on: page, card, selected card. */
  backgrounds: Record<'background' | 'surface' | 'selected', string>;
  chips: { name: string; fill: string; text: string }[];
  swatches: string[];
}

describe('workload colours against the backgrounds of both themes', () => {
  const viewer = useThreeZonesViewer({ nine: { name: 'nine workloads', workloads: WORKLOADS } });

  async function drawn(colorScheme: 'light' | 'dark'): Promise<Drawn> {
    const { page } = viewer.browser;
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`/?topology=${viewer.topologyId}&plan=${viewer.planIds.nine}`);
    await page.getByRole('heading', { name: 'Plan “nine workloads”' }).waitFor();
    await page.getByRole('button', { name: 'All nodes' }).click();
    await page.getByRole('region', { name: 'Nodes' }).getByRole('button', { name: /^Explain / }).nth(WORKLOADS.length - 1).waitFor();
    await viewer.browser.screenshot(`workload-palette-${colorScheme}-1400x1000`);
    return page.evaluate(() => {
      // A variable's value resolved to rgb(), as the browser draws it.
      const resolve = (variable: string) => {
        const probe = document.createElement('span');
        probe.style.color = `var(${variable})`;
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      };
      return {
        backgrounds: { background: resolve('--background'), surface: resolve('--surface'), selected: resolve('--selected') },
        chips: [...document.querySelectorAll<HTMLElement>('.node-list .replica-chip')].map((chip) => ({
          name: chip.innerText,
          fill: getComputedStyle(chip).backgroundColor,
          text: getComputedStyle(chip).color,
        })),
        swatches: [...document.querySelectorAll<HTMLElement>('.legend .swatch')].map((swatch) => getComputedStyle(swatch).backgroundColor),
      };
    });
  }

  it.each(['light', 'dark'] as const)('keeps 3:1 against every background in the %s theme', async (colorScheme) => {
    const { backgrounds, chips, swatches } = await drawn(colorScheme);
    expect(chips).toHaveLength(WORKLOADS.length);
    expect(swatches).toHaveLength(WORKLOADS.length);
    // Eight colours, the ninth workload taking the first again.
    expect(new Set(swatches.slice(0, 8)).size).toBe(8);
    expect(swatches[8]).toBe(swatches[0]);
    for (const fill of [...swatches, ...chips.map((chip) => chip.fill)]) {
      for (const [name, background] of Object.entries(backgrounds)) {
        expect(contrast(fill, background), `${fill} on --${name} ${background} (${colorScheme})`).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST);
      }
    }
    for (const chip of chips) expect(contrast(chip.text, chip.fill), `${chip.name}: ${chip.text} on ${chip.fill}`).toBeGreaterThanOrEqual(TEXT_CONTRAST);
  });

  it('gives the dark theme its own shades (Okabe–Ito black would vanish on it)', async () => {
    const light = await drawn('light');
    const dark = await drawn('dark');
    expect(light.swatches).toContain('rgb(0, 0, 0)');
    expect(dark.swatches).not.toContain('rgb(0, 0, 0)');
    expect(dark.backgrounds.background).toBe('rgb(13, 17, 23)');
  });
});
