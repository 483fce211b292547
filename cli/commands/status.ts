import type { Command } from '../main.js';
import { parseArgs, flag, parseDurationMs, parseHostPort, UsageError } from '../args.js';
import { AdminUnreachable, scrape, type Scrape } from '../status/scrape.js';
import { renderStatus } from '../status/render.js';

const usage = `Usage: meshc status [--admin HOST:PORT] [--watch] [--interval DURATION]

Prints, from a running sidecar's admin endpoint, a table of listeners, clusters and endpoints:
health, active connections, connection and byte rates (from two scrapes a second apart).

Options:
  --admin HOST:PORT    the sidecar's admin endpoint (default 127.0.0.1:15000; IPv6 as [::1]:15000)
  --watch              redraw in place like top until Ctrl-C
  --interval DURATION  time between two scrapes, and between redraws with --watch (default 1s)
  -h, --help           this help

Exit 1 when the admin endpoint cannot be reached.
`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `meshc status`: flags and the redraw loop; scraping and tables are in cli/status/. */
export const command: Command = {
  name: 'status',
  summary: 'listeners, clusters and endpoints of a running sidecar, as a table',
  usage,
  async run(argv) {
    const a = parseArgs(argv, { '--help': { value: false }, '--admin': { value: true }, '--watch': { value: false }, '--interval': { value: true } });
    if (a.flags.has('--help')) {
      process.stdout.write(usage);
      return 0;
    }
    if (a.positionals.length > 0) throw new UsageError(`unexpected argument ${a.positionals[0]}`);
    const adminFlag = flag(a, '--admin') ?? '127.0.0.1:15000';
    const admin = parseHostPort(adminFlag);
    if (admin === undefined) throw new UsageError(`--admin must be IP:PORT (IPv6 as [::1]:PORT), got ${JSON.stringify(adminFlag)}`);
    const intervalFlag = flag(a, '--interval') ?? '1s';
    const interval = parseDurationMs(intervalFlag);
    if (interval === undefined || interval <= 0) throw new UsageError(`--interval must be a positive duration like 1s or 500ms, got ${JSON.stringify(intervalFlag)}`);
    const where = admin.address.includes(':') ? `[${admin.address}]:${admin.port}` : `${admin.address}:${admin.port}`;
    const watch = a.flags.has('--watch');

    let stop = false;
    let wake: (() => void) | null = null;
    if (watch) {
      process.on('SIGINT', () => {
        stop = true;
        wake?.();
      });
    }
    try {
      let prev: Scrape = await scrape(admin.address, admin.port);
      for (;;) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          void sleep(interval).then(resolve);
        });
        if (stop) return 0;
        const cur = await scrape(admin.address, admin.port);
        const text = renderStatus(where, prev, cur);
        if (!watch) {
          process.stdout.write(text);
          return 0;
        }
        // home + clear screen, as top redraws
        process.stdout.write('\x1b[H\x1b[2J' + text + '\n(Ctrl-C to quit)\n');
        prev = cur;
      }
    } catch (err) {
      if (!(err instanceof AdminUnreachable)) throw err;
      if (stop) return 0;
      process.stderr.write(`meshc status: ${err.message} — is meshc run running? use --admin HOST:PORT\n`);
      return 1;
    }
  },
};
