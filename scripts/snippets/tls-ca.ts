// A throwaway certificate authority and a server certificate for the fixture hosts, made with the
// openssl CLI in a temporary folder; trusted by children through NODE_EXTRA_CA_CERTS / SSL_CERT_FILE.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Paths and PEM texts of the generated CA and server certificate. */
export interface FixtureTls { caFile: string; key: string; cert: string }

/** Creates a CA and a certificate for `hosts` (plus localhost/127.0.0.1) inside `dir`. */
export function makeFixtureTls(dir: string, hosts: readonly string[], openssl = '/usr/bin/openssl'): FixtureTls {
  const p = (name: string) => join(dir, name);
  const run = (args: string[]) => execFileSync(openssl, args, { cwd: dir, stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('ca.key'), '-out', p('ca.pem'),
    '-days', '2', '-subj', '/CN=snippet-check throwaway CA']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('server.key'), '-out', p('server.csr'),
    '-subj', '/CN=snippet-check fixture web']);
  const san = [...hosts, 'localhost'].map((h) => `DNS:${h}`).concat('IP:127.0.0.1').join(',');
  writeFileSync(p('ext.cnf'), `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`);
  run(['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial',
    '-out', p('server.pem'), '-days', '2', '-extfile', p('ext.cnf')]);
  return { caFile: p('ca.pem'), key: readFileSync(p('server.key'), 'utf8'), cert: readFileSync(p('server.pem'), 'utf8') };
}
