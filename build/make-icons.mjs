#!/usr/bin/env node
// Rasterises build/icon.svg (the one icon source) into what electron-builder packages:
//   build/icon.png            1024 px: Linux, and macOS (electron-builder derives the .icns from it)
//   build/icons/<n>x<n>.png   the Linux icon theme sizes (AppImage, deb)
//   build/icon.ico            Windows (NSIS installer, exe), 16–256 px in one file
// Needs ImageMagick (`magick` or `convert`). The outputs are committed, so building and `npm test`
// never need it; re-run after changing the SVG: node build/make-icons.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const svg = join(dir, 'icon.svg');
const tool = ['magick', 'convert'].find((t) => spawnSync(t, ['-version'], { stdio: 'ignore' }).status === 0);
if (!tool) {
  console.error('make-icons: ImageMagick is needed (apt install imagemagick / brew install imagemagick).');
  process.exit(1);
}
const render = (size, out) =>
  execFileSync(tool, ['-background', 'none', '-density', '384', svg, '-resize', `${size}x${size}`, '-strip', `PNG32:${out}`]);

render(1024, join(dir, 'icon.png'));
mkdirSync(join(dir, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) render(size, join(dir, 'icons', `${size}x${size}.png`));
execFileSync(tool, ['-background', 'none', '-density', '384', svg, '-define', 'icon:auto-resize=256,128,64,48,32,24,16', join(dir, 'icon.ico')]);
console.log('make-icons: wrote build/icon.png, build/icons/*.png and build/icon.ico');
