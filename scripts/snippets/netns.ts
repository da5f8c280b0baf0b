// Network isolation: re-runs a command inside a fresh network + mount namespace where only
// loopback exists and /etc/hosts maps the fixture hosts to 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** Set in the environment of the re-executed check, so it does not nest namespaces. */
export const NETNS_ENV = 'SNIPPETS_IN_NETNS';

/** Inside the namespace: loopback up, the fixture hosts file (`$0`) over /etc/hosts. */
const SETUP = 'ip link set lo up && mount --bind "$0" /etc/hosts';

/** The hosts file used inside the namespace. */
export function fixtureHostsFile(hosts: readonly string[]): string {
  return `127.0.0.1 localhost\n::1 localhost\n${hosts.map((h) => `127.0.0.1 ${h}`).join('\n')}\n`;
}

/** Why namespaces are unavailable here, or undefined when `unshare --net --mount` works. */
export function netnsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return 'not root';
  // Probe exactly what `runInNetns` does: a namespace, loopback up, a file bound over /etc/hosts.
  const probe = spawnSync('unshare', ['--net', '--mount', 'bash', '-c', `${SETUP} && true`, '/etc/hosts'], { stdio: 'pipe' });
  if (probe.error) return `unshare not found (${probe.error.message})`;
  if (probe.status !== 0) return `unshare failed: ${String(probe.stderr).trim().split('\n')[0]}`;
  return undefined;
}

/** Re-executes `argv` inside the namespace with `hostsPath` bound over /etc/hosts; resolves to its exit code. */
export function runInNetns(argv: readonly string[], hostsPath: string, hosts: readonly string[]): Promise<number> {
  writeFileSync(hostsPath, fixtureHostsFile(hosts));
  const script = `${SETUP} && exec "$@"`;
  const child = spawn('unshare', ['--net', '--mount', 'bash', '-c', script, hostsPath, ...argv], {
    stdio: 'inherit', env: { ...process.env, [NETNS_ENV]: '1' },
  });
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}
