import { promises as dns } from 'node:dns';
import net from 'node:net';
import type { DnsEndpoints } from '../../schemas/types/plan.gen.js';
import type { Logger } from '../logger.js';
import { MeshcError } from '../errors.js';
import type { Member } from './cluster.js';

/** Shortest wait a TTL can impose (a TTL of 0 must not spin); a shorter refreshInterval still wins. */
export const MIN_REFRESH_MS = 1000;
/** First retry after a failed resolution; doubles up to the refresh interval. */
const FAILURE_RETRY_MS = 1000;
/** Per-query timeout and tries handed to c-ares (its defaults wait up to ~20 s). */
const QUERY_TIMEOUT_MS = 2000;
const QUERY_TRIES = 2;

let defaultServers: string[] | null = null;

/**
 * Use these DNS servers (`IP`, `IP:PORT`, `[IPv6]:PORT`) for every DNS cluster created from now
 * on instead of the system's resolv.conf (`meshc run --dns-resolvers`, tests). `null` restores
 * the system configuration. Throws E_DNS_SERVERS on a malformed entry.
 */
export function setDnsServers(servers: readonly string[] | null): void {
  if (servers === null || servers.length === 0) {
    defaultServers = null;
    return;
  }
  try {
    // validates every entry exactly as the resolver will parse it
    new dns.Resolver().setServers(servers as string[]);
  } catch (err) {
    throw new MeshcError('E_DNS_SERVERS', `invalid DNS server list ${JSON.stringify(servers.join(','))}: use IP or IP:PORT ([IPv6]:PORT)`, { cause: err });
  }
  defaultServers = [...servers];
}

/** Counters of one DNS cluster, owned by the cluster so they survive a resolver swap. */
export class DnsStats {
  resolutions = 0;
  failures = 0;
}

/** One family's outcome: records (possibly none) with their minimum TTL, or a failure. */
type FamilyAnswer = { ok: true; addresses: string[]; ttl: number } | { ok: false; code: string };

/** "The name has no such records" (NXDOMAIN / NODATA) is an answer, not a resolver failure. */
const EMPTY_CODES = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * Headless-service discovery (Envoy: STRICT_DNS): resolves ALL A and/or AAAA records of a name
 * (per `family`) and hands each answer to the cluster as its member set. Re-resolves every
 * `refreshIntervalMs`, or sooner when the answer's smallest TTL is shorter (floor 1 s): unlike
 * Envoy, which ignores TTLs for STRICT_DNS, a DNS-driven failover is followed as fast as the
 * zone owner asked. A failed resolution (SERVFAIL, timeout, unreachable server) keeps the last
 * good answer and retries with backoff; an authoritative "no such name/records" empties the
 * cluster, as Envoy and Kubernetes (scaled-to-zero headless service) expect. Names that only
 * `/etc/hosts` knows (e.g. `localhost`) fall back to getaddrinfo when no custom servers are set.
 */
export class DnsResolver {
  private readonly resolver: dns.Resolver;
  private readonly custom: boolean;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running = false;
  private retryMs = FAILURE_RETRY_MS;
  /** Last good records per family (IPv4, IPv6). */
  private readonly known: Record<4 | 6, string[]> = { 4: [], 6: [] };
  /** Sorted `address` list of the last answer handed over (skip identical answers). */
  private last: string | null = null;

  constructor(
    readonly config: DnsEndpoints,
    private readonly onAnswer: (members: Member[]) => void,
    private readonly logger: Logger,
    readonly stats: DnsStats = new DnsStats(),
    servers: readonly string[] | null = defaultServers,
  ) {
    this.resolver = new dns.Resolver({ timeout: QUERY_TIMEOUT_MS, tries: QUERY_TRIES });
    this.custom = servers !== null;
    if (servers) this.resolver.setServers(servers as string[]);
  }

  /** Resolve now, then keep refreshing until `stop`. */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.resolveOnce();
  }

  /** Cancel the timer and any query in flight; no answer is delivered afterwards. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.resolver.cancel();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.resolveOnce(), ms);
    this.timer.unref();
  }

  /** One resolution cycle; always schedules the next one. */
  async resolveOnce(): Promise<void> {
    this.timer = null;
    const { name, family, refreshIntervalMs } = this.config;
    if (net.isIP(name)) {
      // a literal needs no DNS; it never changes, so nothing to refresh
      this.deliver([name], refreshIntervalMs);
      return;
    }
    const wantV4 = family !== 'v6';
    const wantV6 = family !== 'v4';
    const [a, aaaa] = await Promise.all([wantV4 ? this.query(name, 4) : null, wantV6 ? this.query(name, 6) : null]);
    if (this.stopped) return;
    const failed: string[] = [];
    const addresses: string[] = [];
    let ttl = Infinity;
    for (const [fam, r] of [[4, a], [6, aaaa]] as const) {
      if (r === null) continue;
      if (r.ok) {
        this.known[fam] = r.addresses;
        addresses.push(...r.addresses);
        if (r.addresses.length > 0) ttl = Math.min(ttl, r.ttl);
      } else {
        // this family's last good records stand in (a broken AAAA must not freeze the A set)
        failed.push(r.code);
        addresses.push(...this.known[fam]);
      }
    }
    if (failed.length > 0) {
      this.stats.failures++;
      this.logger.warn({ name, family, errors: failed, keeping: addresses.length, retryMs: this.retryMs }, 'DNS resolution failed; keeping the last answer');
      const retry = Math.min(this.retryMs, refreshIntervalMs);
      this.retryMs = Math.min(this.retryMs * 2, refreshIntervalMs);
      if (this.last === null && addresses.length === 0) this.schedule(retry);
      else this.deliver(addresses, retry);
      return;
    }
    if (addresses.length === 0 && !this.custom) {
      // the system resolver also reads /etc/hosts; c-ares only asks DNS servers
      const found = await this.lookup(name, family);
      if (this.stopped) return;
      addresses.push(...found);
    }
    this.stats.resolutions++;
    this.retryMs = FAILURE_RETRY_MS;
    if (addresses.length === 0 && this.last !== '') this.logger.warn({ name, family }, 'DNS name has no records: cluster has no endpoints');
    this.deliver(addresses, Math.min(refreshIntervalMs, Math.max(MIN_REFRESH_MS, ttl * 1000)));
  }

  private deliver(addresses: string[], nextMs: number): void {
    // a stable order (v4 first, then by text): DNS servers rotate answers, hosts should not move
    const sorted = [...new Set(addresses)].sort((x, y) => net.isIP(x) - net.isIP(y) || (x < y ? -1 : x > y ? 1 : 0));
    const key = sorted.join(',');
    if (key !== this.last) {
      this.logger.info({ name: this.config.name, addresses: sorted }, 'DNS answer changed');
      this.last = key;
      this.onAnswer(sorted.map((address) => ({ address, port: this.config.port, weight: 1 })));
    }
    if (!net.isIP(this.config.name)) this.schedule(nextMs);
  }

  private async query(name: string, fam: 4 | 6): Promise<FamilyAnswer> {
    try {
      const recs = fam === 4 ? await this.resolver.resolve4(name, { ttl: true }) : await this.resolver.resolve6(name, { ttl: true });
      let ttl = Infinity;
      for (const r of recs) ttl = Math.min(ttl, r.ttl);
      return { ok: true, addresses: recs.map((r) => r.address), ttl };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
      if (EMPTY_CODES.has(code)) return { ok: true, addresses: [], ttl: Infinity };
      return { ok: false, code };
    }
  }

  private async lookup(name: string, family: DnsEndpoints['family']): Promise<string[]> {
    try {
      const fam = family === 'v4' ? 4 : family === 'v6' ? 6 : 0;
      const all = await dns.lookup(name, { all: true, family: fam });
      return all.map((r) => r.address);
    } catch {
      return [];
    }
  }
}
