#!/usr/bin/env node
// `npm start`: serves a real VS Code (code-server 4.100.3) on 127.0.0.1 with this extension loaded in
// development mode and examples/ opened as the workspace, then prints the URL. Ctrl-C stops it.
// Its state (settings, extensions, logs) lives in .cache/start, so it never touches your home folder.
//   PORT=8080 npm start      (default: 8080, or a free port when 8080 is taken)
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, freePort, remoteUri, startCodeServer, stopCodeServer, workbenchUrl } from './code-server.mjs';

async function pickPort() {
  const wanted = Number(process.env.PORT ?? 8080);
  const inUse = await fetch(`http://127.0.0.1:${wanted}/`).then(() => true, () => false);
  return inUse ? freePort() : wanted;
}

const runDir = path.join(ROOT, '.cache/start');
fs.mkdirSync(runDir, { recursive: true });
const port = await pickPort();
const { child, host } = await startCodeServer({ runDir, port, logFile: path.join(runDir, 'code-server.log') });
const url = workbenchUrl(host, path.join(ROOT, 'examples'), [['extensionDevelopmentPath', remoteUri(host, ROOT)]]);
console.log(`\nCloudKit DevTools is running in VS Code (code-server) at:\n\n  ${url}\n`);
console.log(`Open it in a browser on this machine. Logs: ${path.relative(ROOT, runDir)}/code-server.log. Ctrl-C stops it.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping code-server...');
  await stopCodeServer(child);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => { if (!stopping) { console.error(`code-server exited (${code})`); process.exit(1); } });
