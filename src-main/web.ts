// `npm run web`: the renderer in a browser, against a local store, through the HTTP bridge.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from './paths';
import { openRuntime } from './runtime';
import { startHttpBridge } from './transport/http';

const here = dirname(fileURLToPath(import.meta.url));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const dataDir = resolve(arg('data-dir') ?? defaultDataDir());
  const staticDir = resolve(arg('static') ?? join(here, '..', 'out', 'renderer'));
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`qalam web: no built renderer in ${staticDir}; run "npm run build" first.`);
    process.exit(1);
  }
  const rt = openRuntime({ dataDir, transport: 'http', jobs: 'worker' });
  const bridge = await startHttpBridge({
    dispatch: rt.dispatch,
    events: rt.ctx.events,
    staticDir,
    port: Number(arg('port') ?? 0),
  });
  // The one place the login token is shown: to the one who started the preview, in their terminal.
  // It works once; the browser then holds a session cookie.
  console.log(`Qalam preview (data: ${dataDir}). Open this address; it works once:\n  ${bridge.loginUrl('/')}`);
  const stop = () => void bridge.close().then(() => (rt.close(), process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`qalam web: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
