// Network isolation: re-runs a command inside a fresh network + mount namespace where only
// loopback exists and /etc/hosts maps the fixture hosts to 127.0.0.1. Root gets plain namespaces;
// other users get them inside a user namespace (`--map-root-user`) where the kernel allows it.
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

/** `unshare` flags that work here, or the reason namespaces are unavailable. */
export function probeNetns(): { flags: string[] } | { reason: string } {
  if (process.platform !== 'linux') return { reason: `not Linux (${process.platform})` };
  const flags = process.getuid?.() === 0 ? ['--net', '--mount'] : ['--user', '--map-root-user', '--net', '--mount'];
  // Probe exactly what `runInNetns` does: a namespace, loopback up, a file bound over /etc/hosts.
  const probe = spawnSync('unshare', [...flags, 'bash', '-c', `${SETUP} && true`, '/etc/hosts'], { stdio: 'pipe' });
  if (probe.error) return { reason: `unshare not found (${probe.error.message})` };
  if (probe.status !== 0) return { reason: `unshare ${flags.join(' ')} failed: ${String(probe.stderr).trim().split('\n')[0]}` };
  return { flags };
}

/** Re-executes `argv` inside the namespace with `hostsPath` bound over /etc/hosts; resolves to its exit code. */
export function runInNetns(argv: readonly string[], hostsPath: string, hosts: readonly string[], flags: readonly string[]): Promise<number> {
  writeFileSync(hostsPath, fixtureHostsFile(hosts));
  const child = spawn('unshare', [...flags, 'bash', '-c', `${SETUP} && exec "$@"`, hostsPath, ...argv], {
    stdio: 'inherit', env: { ...process.env, [NETNS_ENV]: `unshare ${flags.join(' ')}` },
  });
  // `unshare` execs into the inner check: pass a stop request on so it can stop its children.
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward(signal));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
}
