// Records every platform-specific optional binary in package-lock.json.
//
// Why: the npm registry mirror of these machines lacks some other-platform binaries at the
// versions we use (e.g. @astrojs/compiler-binding-darwin-arm64@0.5.1), so `npm install` leaves
// them out of the lock and `npm ci` then refuses the lock ("Missing: … from lock file").
// An entry with `os`/`cpu` is all `npm ci` needs: it skips foreign platforms without fetching.
// Run after changing dependencies: `npm run lock:platforms`.
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  os?: string[];
  cpu?: string[];
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
}

/** The os/cpu a binary package is for, read from its name (`…-darwin-arm64`, `…-win32-x64-msvc`). */
export function platformOf(name: string): { os?: string[]; cpu?: string[] } {
  const n = name.split('/').pop() ?? name;
  const os = [['darwin', 'darwin'], ['win32', 'win32'], ['windows', 'win32'], ['freebsd', 'freebsd'], ['android', 'android'], ['linux', 'linux']].find(([k]) => n.includes(k!))?.[1];
  const cpu = [['arm64', 'arm64'], ['aarch64', 'arm64'], ['wasm32', 'wasm32'], ['x64', 'x64'], ['ia32', 'ia32'], ['arm', 'arm']].find(([k]) => n.includes(k!))?.[1];
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
}

const file = 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, LockEntry> };
const added: string[] = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (lock.packages[`node_modules/${dep}`] || lock.packages[`${path}/node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform.os && !platform.cpu) continue;
    lock.packages[`node_modules/${dep}`] = { version: range.replace(/^[\^~=]/, ''), ...platform, optional: true };
    added.push(dep);
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `recorded ${added.length} foreign-platform binaries: ${added.join(', ')}` : 'lockfile already complete');
