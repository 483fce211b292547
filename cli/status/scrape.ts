import http from 'node:http';

/** One Prometheus sample: name, labels, value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** What `meshc status` reads from a sidecar's admin endpoint at one moment. */
export interface Scrape {
  at: number;
  samples: Sample[];
  clusters: ClusterJson[];
  plan: { name: string; hash: string; listeners: ListenerJson[] } | null;
}

export interface EndpointJson {
  address: string;
  port: number;
  healthy: boolean;
  ejected: boolean;
  available: boolean;
  activeConnections: number;
  totalConnections: number;
  connectFailures: number;
  ejections: number;
}

export interface ClusterJson {
  name: string;
  transport: string;
  loadBalancer: string;
  panic: boolean;
  activeConnections: number;
  maxConnections: number;
  endpoints: EndpointJson[];
}

export interface ListenerJson {
  name: string;
  transport: string;
  address: string;
  port: number;
  cluster?: string;
}

/** A failure to talk to the admin endpoint, with the errno-style code for the message. */
export class AdminUnreachable extends Error {
  constructor(
    readonly where: string,
    readonly code: string,
  ) {
    super(`cannot reach the admin endpoint at ${where} (${code})`);
  }
}

/** GET `path` from the admin endpoint; rejects with AdminUnreachable. */
export function get(host: string, port: number, path: string, timeoutMs = 5000): Promise<{ status: number; body: string }> {
  const where = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path, timeout: timeoutMs, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (err: NodeJS.ErrnoException) => reject(new AdminUnreachable(where, err.code ?? err.message)));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => reject(new AdminUnreachable(where, err.code ?? err.message)));
  });
}

/** Read /metrics, /clusters and /plan once. */
export async function scrape(host: string, port: number): Promise<Scrape> {
  const where = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const [m, c, p] = await Promise.all([get(host, port, '/metrics'), get(host, port, '/clusters'), get(host, port, '/plan')]);
  if (m.status !== 200 || c.status !== 200) throw new AdminUnreachable(where, `HTTP ${m.status !== 200 ? m.status : c.status}; not a meshc admin endpoint?`);
  let clusters: ClusterJson[];
  let plan: Scrape['plan'] = null;
  try {
    clusters = (JSON.parse(c.body) as { clusters: ClusterJson[] }).clusters;
    if (p.status === 200) plan = JSON.parse(p.body) as Scrape['plan'];
  } catch {
    throw new AdminUnreachable(where, 'not a meshc admin endpoint (bad JSON)');
  }
  return { at: Date.now(), samples: parseExposition(m.body), clusters, plan };
}

/** Parse the Prometheus text format (the subset meshc writes: no timestamps). */
export function parseExposition(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const sp = line.lastIndexOf(' ');
    const series = line.slice(0, sp);
    const value = Number(line.slice(sp + 1));
    const brace = series.indexOf('{');
    const labels: Record<string, string> = {};
    if (brace >= 0) {
      const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(series.slice(brace))) !== null) labels[m[1]!] = m[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    out.push({ name: brace < 0 ? series : series.slice(0, brace), labels, value });
  }
  return out;
}

/** Sum of the samples of `name` whose labels include `match`. */
export function sum(s: Scrape, name: string, match: Record<string, string>): number {
  let total = 0;
  for (const x of s.samples) {
    if (x.name !== name) continue;
    let ok = true;
    for (const k in match) if (x.labels[k] !== match[k]) ok = false;
    if (ok) total += x.value;
  }
  return total;
}

/** Per-second rate of a counter between two scrapes (0 after a restart reset it). */
export function rate(prev: Scrape, cur: Scrape, name: string, match: Record<string, string>): number {
  const dt = (cur.at - prev.at) / 1000;
  const d = sum(cur, name, match) - sum(prev, name, match);
  return dt > 0 && d > 0 ? d / dt : 0;
}
