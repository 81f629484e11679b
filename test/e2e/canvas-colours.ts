import type { Locator } from '@playwright/test';

/**
 * Distinct colours on a canvas (every 4th pixel sampled): a drawn chart, map or preview has many, a
 * blank one 1–2. How specs tell "drawn" from "empty" without comparing pictures.
 */
export async function canvasColours(canvas: Locator): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    if (c.width === 0 || c.height === 0) return 0;
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 16) seen.add((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!);
    return seen.size;
  });
}
