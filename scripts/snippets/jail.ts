// The OS sandbox around every untrusted run (translations and Python originals alike), built on
// Debian's bubblewrap (`bwrap`): private mount/pid/ipc/uts namespaces with only the run's files
// bound read-only, a size-capped tmpfs as /tmp and working directory, a cleared environment, and
// the program started as an unprivileged uid with no capabilities under kernel rlimits
// (`prlimit`). The network namespace is the check's own (loopback + fixture web, see netns.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * How the program loses root. `setpriv`: bwrap runs as real root and the program is switched to a
 * real unprivileged uid of its own (rlimits such as the process count then apply per run).
 * `userns`: for a contributor who is not root, bwrap maps an unprivileged uid in a user namespace.
 */
export type JailMode = 'setpriv' | 'userns';

/** A host path bound read-only at `dest` inside the sandbox. */
export interface Bind { src: string; dest: string }

/** Kernel limits of one run (`prlimit`). */
export interface JailLimits {
  /** CPU seconds of each process. */
  cpuSeconds: number;
  /** Processes and threads of the run's uid: a fork bomb stops here. */
  nproc: number;
  /** Largest file the program may write, and the size of its /tmp. */
  fileMiB: number;
  tmpMiB: number;
  /** Open files per process. */
  nofile: number;
  /** Address space per process (not for Node: V8 reserves far more than it uses; its heap is capped instead). */
  addressSpaceMiB?: number;
}

/** One sandboxed command. */
export interface JailSpec {
  mode: JailMode;
  uid: number;
  binds: readonly Bind[];
  /** Empty tmpfs folders laid over parts of a bind (e.g. node_modules/.cache). */
  hide?: readonly string[];
  /** Host folder with the generated `/etc` files (hosts, passwd, group, nsswitch.conf). */
  etc: string;
  env: Record<string, string>;
  limits: JailLimits;
  argv: readonly string[];
  /** fd on which bwrap writes `{"child-pid": N}` (the sandbox's init, as the host sees it). */
  infoFd?: number;
}

/** Where the run's own things appear inside the sandbox. */
export const INSIDE = { root: '/sandbox', tmp: '/tmp', node: '/sandbox/bin/node' } as const;

const ETC_FILES = ['hosts', 'passwd', 'group', 'nsswitch.conf'] as const;

/** Writes the sandbox's `/etc` files: the fixture hosts, the unprivileged run users, files-only name lookup. */
export function writeJailEtc(dir: string, hostsFile: string, uids: readonly number[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'hosts'), hostsFile);
  writeFileSync(join(dir, 'passwd'), uids.map((u) => `sandbox:x:${u}:${u}:snippet sandbox:/tmp:/usr/sbin/nologin\n`).join(''));
  writeFileSync(join(dir, 'group'), uids.map((u) => `sandbox:x:${u}:\n`).join(''));
  writeFileSync(join(dir, 'nsswitch.conf'), 'hosts: files\npasswd: files\ngroup: files\n');
  return dir;
}

/** The full command line: bwrap, then prlimit and (as root) setpriv, then the program. */
export function jailArgv(s: JailSpec): string[] {
  const a: string[] = ['bwrap', '--unshare-ipc', '--unshare-pid', '--unshare-uts', '--unshare-cgroup-try',
    '--die-with-parent', '--new-session'];
  if (s.mode === 'userns') a.push('--unshare-user', '--uid', String(s.uid), '--gid', String(s.uid), '--cap-drop', 'ALL');
  a.push('--ro-bind', '/usr', '/usr');
  for (const l of ['bin', 'sbin', 'lib', 'lib64']) if (existsSync(`/usr/${l}`)) a.push('--symlink', `usr/${l}`, `/${l}`);
  // /dev/shm: POSIX semaphores (multiprocessing) need it writable.
  a.push('--proc', '/proc', '--dev', '/dev', '--perms', '1777', '--size', String(s.limits.tmpMiB * 1024 * 1024), '--tmpfs', '/dev/shm');
  a.push('--perms', '1777', '--size', String(s.limits.tmpMiB * 1024 * 1024), '--tmpfs', INSIDE.tmp);
  // bwrap makes missing parents with the caller's umask; make them world-readable explicitly.
  const dirs = new Set<string>();
  for (const d of [...s.binds.map((b) => dirname(b.dest)), '/etc']) {
    for (let p = d; p !== '/' && !dirs.has(p); p = dirname(p)) dirs.add(p);
  }
  for (const d of [...dirs].sort()) a.push('--perms', '0755', '--dir', d);
  for (const f of ETC_FILES) a.push('--ro-bind', join(s.etc, f), `/etc/${f}`);
  for (const b of s.binds) a.push('--ro-bind', b.src, b.dest);
  for (const h of s.hide ?? []) a.push('--perms', '0555', '--tmpfs', h);
  a.push('--chdir', INSIDE.tmp, '--clearenv');
  for (const [k, v] of Object.entries(s.env)) a.push('--setenv', k, v);
  if (s.infoFd !== undefined) a.push('--info-fd', String(s.infoFd));
  const MiB = 1024 * 1024;
  a.push('--', '/usr/bin/prlimit', `--cpu=${s.limits.cpuSeconds}`, `--nproc=${s.limits.nproc}`,
    `--fsize=${s.limits.fileMiB * MiB}`, `--nofile=${s.limits.nofile}`, '--core=0',
    ...(s.limits.addressSpaceMiB ? [`--as=${s.limits.addressSpaceMiB * MiB}`] : []));
  if (s.mode === 'setpriv') {
    a.push('/usr/bin/setpriv', `--reuid=${s.uid}`, `--regid=${s.uid}`, '--clear-groups',
      '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs');
  }
  a.push(...s.argv);
  return a;
}

/** The sandbox mode that works on this machine, or why none does. */
export function probeJail(tmp: string): { mode: JailMode } | { reason: string } {
  if (process.platform !== 'linux') return { reason: `not Linux (${process.platform})` };
  const found = spawnSync('bwrap', ['--version'], { stdio: 'pipe' });
  if (found.error) return { reason: 'bubblewrap (bwrap) is not installed: apt-get install bubblewrap' };
  const modes: JailMode[] = process.getuid?.() === 0 ? ['setpriv', 'userns'] : ['userns'];
  const etc = writeJailEtc(join(tmp, 'probe-etc'), '127.0.0.1 localhost\n', [200_000]);
  let last = '';
  for (const mode of modes) {
    const argv = jailArgv({
      mode, uid: 200_000, binds: [], etc, env: { PATH: '/usr/bin' },
      limits: { cpuSeconds: 5, nproc: 64, fileMiB: 1, tmpMiB: 1, nofile: 64 }, argv: ['/usr/bin/id', '-u'],
    });
    const r = spawnSync(argv[0]!, argv.slice(1), { stdio: 'pipe', encoding: 'utf8', timeout: 10_000 });
    if (r.status === 0 && r.stdout.trim() !== '0') return { mode };
    last = `${mode}: ${(r.stderr || r.stdout || String(r.error ?? '')).trim().split('\n')[0]}`;
  }
  return { reason: `bwrap cannot set up a sandbox here (${last})` };
}

/** The first of the 200 uids a check with this process id gives its runs. */
export const uidBase = (pid: number): number => 200_000 + (pid % 5000) * 200;

/**
 * Unprivileged uids for concurrent runs, distinct per run so per-uid limits (processes) apply to
 * one run only; offset by our pid so two checks on one machine rarely share them.
 */
export function uidPool(size: number): { uids: readonly number[]; take(): number; give(uid: number): void } {
  const base = uidBase(process.pid);
  const free = Array.from({ length: size }, (_, i) => base + i);
  let extra = size;
  return {
    uids: [...free],
    take: () => free.shift() ?? base + extra++,
    give: (uid) => { free.push(uid); },
  };
}

/** Resident memory and number of processes of the tree under `pid` (the sandbox's init), for the watchdogs. */
export function treeStats(pid: number): { rssMiB: number; processes: number } {
  let kb = 0;
  let processes = 0;
  const stack = [pid];
  for (; stack.length > 0 && processes < 5000; processes++) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFile(`/proc/${p}/status`));
      if (m) kb += Number(m[1]);
      for (const c of readFile(`/proc/${p}/task/${p}/children`).split(/\s+/).filter(Boolean)) stack.push(Number(c));
    } catch { /* exited */ }
  }
  return { rssMiB: kb / 1024, processes: processes - 1 };
}

const readFile = (p: string) => readFileSync(p, 'utf8');

/** What every sandboxed run of one check shares: the mode, the generated /etc, the CA, the uids. */
export interface JailContext {
  mode: JailMode;
  etc: string;
  /** Host path of the fixture web's CA certificate, bound at {@link INSIDE_CA}. */
  caFile: string;
  uids: ReturnType<typeof uidPool>;
}

/** Inside path of the fixture web's CA certificate. */
export const INSIDE_CA = '/sandbox/ca.pem';

/** Parses bwrap's `--info-fd` JSON: the host pid of the sandbox's init. */
export function childPidOf(info: string): number | undefined {
  const m = /"child-pid":\s*(\d+)/.exec(info);
  return m ? Number(m[1]) : undefined;
}
