/**
 * Starts the stream server by hand:  npx tsx tests/server/cli.ts [--port-a N] [--port-b N] [--media DIR]
 * Prints the two origins and the main URLs, then runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { startStreamServer } from './index';

const { values } = parseArgs({
  options: {
    'port-a': { type: 'string' },
    'port-b': { type: 'string' },
    media: { type: 'string' },
  },
});

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${flag} must be a port number, got "${value}"`);
  return n;
}

const server = await startStreamServer({
  mediaDir: values.media,
  portA: port(values['port-a'], '--port-a'),
  portB: port(values['port-b'], '--port-b'),
});

const { a, b } = server.origins;
console.log(`StreamWitness test stream server (media: ${server.mediaDir})
  origin a: ${a}
  origin b: ${b}
  demo:     ${a}/demo/
  players:  ${a}/players/{dash,hls,shaka,plain}.html
  control:  ${a}/__control/state`);

const stop = (): void => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
