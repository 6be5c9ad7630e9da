// Launches Debian's headless Chromium through playwright-core, with WebGL2
// on SwiftShader (no GPU on the test machines).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const chromiumPath = process.env.BADUNG_CHROMIUM ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// A fresh browser with its own profile folder. Returns { browser, close() }.
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
  return { browser, close: () => browser.close() };
}

// A persistent profile, so IndexedDB and the service worker survive a reload
// or a browser restart. Returns { context, profileDir, close() }.
export async function launchPersistent(profileDir = mkdtempSync(join(tmpdir(), 'badung-profile-'))) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
  return {
    context,
    profileDir,
    close: async ({ keepProfile = false } = {}) => {
      await context.close();
      if (!keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

// Collects page errors and console errors, so a test can assert none happened.
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

// Resolves once the map has drawn no frame for quietMs. The app draws only
// when something changed, so the Dear ImGui panel has then settled. A
// window that grew (an opened header) takes clicks on its new part only
// after ImGui has drawn it at its new size. Counting frames from the click
// cannot tell when that is, because frames requested earlier may come first.
export async function waitForIdleMap(page, quietMs = 250) {
  for (;;) {
    const frames = await page.evaluate(() => window.badungMap.frameCount());
    await page.waitForTimeout(quietMs);
    if (await page.evaluate(() => window.badungMap.frameCount()) === frames) return;
  }
}
