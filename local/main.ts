import './polyfills';
import { createLogger, errorName } from './log';

/**
 * `npm start`: the local platform on http://127.0.0.1:$PORT (default 3000), data in $AMBER_DATA_DIR
 * (default .amber/). stdout carries three lines, once everything is up, the first one to wait for:
 *
 *   AMBER Alert local platform ready at http://127.0.0.1:3000
 *   Police console: http://127.0.0.1:3000/console/
 *   Public site: http://127.0.0.1:3000/
 * Every other line (platform logs, handler logs) goes to stderr as JSON.
 * SIGINT/SIGTERM close the server, abort the workflow executions and close dynalite, then exit.
 */

const logger = createLogger('main');

// Lambda code logs to stdout (CloudWatch in AWS); here stdout is reserved for the ready line.
const writeStdout = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;

function portFromEnv(): number {
  const raw = process.env.PORT ?? '3000';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${raw}`);
  return port;
}

async function main(): Promise<void> {
  const port = portFromEnv();
  const dataDir = process.env.AMBER_DATA_DIR ?? '.amber/';
  // Loaded after the stdout redirect, so that nothing a module prints at load time reaches stdout.
  const { startPlatform } = await import('./platform');
  const platform = await startPlatform({ port, dataDir });
  writeStdout(
    `AMBER Alert local platform ready at ${platform.url}\n` +
      `Police console: ${platform.url}/console/\n` +
      `Public site: ${platform.url}/\n`,
  );
  // performance.now() counts from process start: the whole cost of `npm start`, module loading included.
  logger.info('main.ready', {
    sinceProcessStartMs: Math.round(performance.now()),
    phasesMs: platform.startup,
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn('main.forcedExit', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('main.stopping', { signal });
    platform.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('main.stopFailed', { error: errorName(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // A stray rejection in handler code must not take the whole platform down; it is logged instead.
  process.on('unhandledRejection', (reason) =>
    logger.error('main.unhandledRejection', { error: errorName(reason) }),
  );
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const hint =
    code === 'EADDRINUSE' ? ' (the port is in use: set PORT to another one, or 0 for any free port)' : '';
  process.stderr.write(
    `AMBER Alert local platform failed to start: ${error instanceof Error ? error.message : String(error)}${hint}\n`,
  );
  process.exit(1);
});
