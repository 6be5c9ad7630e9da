// Starts the real badung-cityd on a free loopback port for one test file,
// with a fresh data directory, and stops it afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = process.env.BADUNG_ROOT ?? new URL('../../..', import.meta.url).pathname;
export const build = process.env.BADUNG_BUILD ?? join(root, 'build');

const startTimeoutMs = 15000;

// Resolves to { url, dataDir, databasePath, stop() } once the server prints
// the address it serves at. A given dataDir is reused and kept at stop(),
// so a restarted server has the reports of the one before.
export async function startServer({ extraArgs = [], host = '127.0.0.1', dataDir: reuseDir = '' } = {}) {
  const dataDir = reuseDir || mkdtempSync(join(tmpdir(), 'badung-cityd-'));
  const args = [
    '--web-root', join(build, 'wasm', 'site'),
    '--data-root', join(root, 'dist', 'data'),
    '--config', join(root, 'server', 'cityd.conf'),
    '--host', host, '--port', '0', '--data-dir', dataDir,
    ...extraArgs,
  ];
  const child = spawn(join(build, 'native', 'server', 'badung-cityd'), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const log = [];
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(
      `badung-cityd printed no address within ${startTimeoutMs} ms; output:\n${log.join('')}`)), startTimeoutMs);
    const onData = (chunk) => {
      log.push(chunk.toString());
      const match = /serving (https?:\/\/[^\s]+)/.exec(log.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`badung-cityd exited with status ${code}; output:\n${log.join('')}`));
    });
  });

  async function stop() {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (!reuseDir) rmSync(dataDir, { recursive: true, force: true });
  }

  return { url, dataDir, databasePath: join(dataDir, 'cityd.sqlite'), log, stop };
}
