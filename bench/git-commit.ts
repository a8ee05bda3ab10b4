import { execFileSync } from 'child_process';

/** The commit the figures belong to (read-only `git rev-parse`); uncommitted changes are not shown. */
export function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
