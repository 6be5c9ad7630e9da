// A server and a browser shared by the tests of one describe block.
import { after, before } from 'node:test';

import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

// Registers hooks that start badung-cityd (with serverOptions, as
// startServer takes them) and a headless Chromium before the block's tests
// and stop both after them. Returns an object whose server and browser
// fields are set once the before hook has run.
export function useServerAndBrowser(serverOptions) {
  const session = { server: null, browser: null };

  before(async () => {
    session.server = await startServer(serverOptions);
    session.browser = await launchBrowser();
  });

  after(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });

  return session;
}
