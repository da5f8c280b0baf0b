/**
 * @python sha256:09e1d45bf3b6aa3b
 * @mode run
 * @allow child-process
 *
 * Granted child processes by the test allow-list: a shell inside the OS sandbox sees only the sandbox.
 */
import { execFileSync } from 'node:child_process';

const sh = (script: string) => execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' }).trim();
console.log(`user ${sh('id -un')} ${sh('id -u') === '0' ? 'root' : 'not root'}`);
console.log(`root folder: ${sh('ls / | paste -sd " "')}`);
console.log(`/proc/1/environ: ${sh('cat /proc/1/environ >/dev/null 2>&1 && echo readable || echo denied')}`);
console.log(`/root: ${sh('ls /root >/dev/null 2>&1 && echo visible || echo absent')}`);
console.log(`write to /usr: ${sh('touch /usr/x 2>/dev/null && echo written || echo denied')}`);
console.log(`write to the translation folder: ${sh(`touch ${import.meta.dirname}/x 2>/dev/null && echo written || echo denied`)}`);
console.log('contained');

// Output:
// user sandbox not root
// root folder: bin dev etc lib lib64 proc sandbox sbin tmp usr
// /proc/1/environ: denied
// /root: absent
// write to /usr: denied
// write to the translation folder: denied
// contained

// Python output:
// contained
