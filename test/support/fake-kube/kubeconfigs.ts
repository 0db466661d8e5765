/** Kubeconfig texts pointing at the fake API server, as `kubectl config view --raw` prints them. */
import { stringify } from 'yaml';
import type { TestCertificates } from './test-certificates.js';

const base64 = (text: string): string => Buffer.from(text).toString('base64');

export interface KubeconfigUser {
  readonly clientCert?: string;
  readonly clientKey?: string;
  readonly token?: string;
}

/** Contexts `fake` (client certificate) and `other` (same cluster, user `stranger` unless given). */
export function kubeconfigText(server: string, certificates: TestCertificates, user: KubeconfigUser = {}, other: KubeconfigUser = {}): string {
  const entry = (value: KubeconfigUser) => ({
    ...(value.token ? { token: value.token } : {}),
    ...(value.clientCert ? { 'client-certificate-data': base64(value.clientCert) } : {}),
    ...(value.clientKey ? { 'client-key-data': base64(value.clientKey) } : {}),
  });
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'fake',
    clusters: [{ name: 'fake-cluster', cluster: { server, 'certificate-authority-data': base64(certificates.caCert) } }],
    users: [
      { name: 'reader', user: entry(user.clientCert || user.token ? user : { clientCert: certificates.clientCert, clientKey: certificates.clientKey }) },
      { name: 'stranger', user: entry(other.clientCert || other.token ? other : { clientCert: certificates.strangerCert, clientKey: certificates.strangerKey }) },
    ],
    contexts: [
      { name: 'fake', context: { cluster: 'fake-cluster', user: 'reader' } },
      { name: 'other', context: { cluster: 'fake-cluster', user: 'stranger' } },
    ],
  });
}
