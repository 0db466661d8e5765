/** Puts a test app on a loopback port for Chromium, and gives the base URL pages are opened against. */
import type { AddressInfo } from 'node:net';
import type { TestApp } from '../support/test-app.js';

export async function listen(testApp: TestApp): Promise<string> {
  await testApp.app.listen(0, '127.0.0.1');
  const { port } = testApp.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}
