/**
 * A throw-away PKI for the fake API server, made with the openssl CLI: a CA,
 * a server certificate for 127.0.0.1/localhost, a client certificate the CA
 * signed (the kubeconfig's user), and one from an unrelated CA (a refused user).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** Signed by another CA: the server must refuse it. */
  readonly strangerCert: string;
  readonly strangerKey: string;
}

function openssl(directory: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: directory, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(directory: string, name: string): void {
  openssl(directory, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`]);
  openssl(directory, ['req', '-x509', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-days', '2', '-out', `${name}.crt`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
}

function makeLeaf(directory: string, ca: string, name: string, subject: string, extensions: string): void {
  openssl(directory, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`]);
  openssl(directory, ['req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`]);
  writeFileSync(join(directory, `${name}.ext`), extensions);
  openssl(directory, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.crt`]);
}

export function makeTestCertificates(): TestCertificates {
  const directory = mkdtempSync(join(tmpdir(), 'podplan-fake-kube-pki-'));
  try {
    makeCa(directory, 'cluster-ca');
    makeCa(directory, 'stranger-ca');
    makeLeaf(directory, 'cluster-ca', 'server', '/CN=kube-apiserver', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    makeLeaf(directory, 'cluster-ca', 'client', '/O=podplan/CN=podplan-reader', 'extendedKeyUsage=clientAuth\n');
    makeLeaf(directory, 'stranger-ca', 'stranger', '/CN=stranger', 'extendedKeyUsage=clientAuth\n');
    const read = (file: string) => readFileSync(join(directory, file), 'utf8');
    return {
      caCert: read('cluster-ca.crt'),
      serverCert: read('server.crt'),
      serverKey: read('server.key'),
      clientCert: read('client.crt'),
      clientKey: read('client.key'),
      strangerCert: read('stranger.crt'),
      strangerKey: read('stranger.key'),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
