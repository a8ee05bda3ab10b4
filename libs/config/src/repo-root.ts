import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/** The dx-tracker checkout (or image) root: the nearest folder above `from` with our package.json. */
export function findRepoRoot(from: string): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'dx-tracker') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the dx-tracker folder above ${from}`);
    dir = up;
  }
}
