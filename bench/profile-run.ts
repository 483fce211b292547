import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { connRate, throughput, type Durations } from './lib/measure.js';
import type { Tools } from './lib/tools.js';
import type { Backends } from './peers/peer.js';
import { meshcPeer } from './peers/meshc.js';
import { summarizeProfile, type CpuProfile } from './profile.js';

/** What `--profile` needs from the bench. */
export interface ProfileOptions {
  root: string;
  tmp: string;
  tools: Tools;
  backends: Backends;
  seconds: number;
  nofile: number;
  log(msg: string): void;
}

/**
 * Run `meshc run` under `node --cpu-prof` twice — during a 1-stream iperf3 test (the bulk data
 * path) and during the connection-rate test (the per-connection path) — and summarize each.
 */
export async function profileMeshc(o: ProfileOptions): Promise<string> {
  const d: Durations = {
    iperfSeconds: o.seconds,
    connrateMs: o.seconds * 1000,
    connrateConcurrency: 32,
    rttCount: 0,
    rttWarmup: 0,
    rttMaxMs: 0,
    udpMs: 0,
    udpRate: 0,
    idleConnections: 0,
    idleWarmupMs: 0,
    rssSettleMs: 0,
  };
  const out: string[] = [];
  for (const phase of ['throughput', 'connrate'] as const) {
    const profDir = path.join(o.tmp, `cpuprof-${phase}`);
    mkdirSync(profDir, { recursive: true });
    const dir = path.join(o.tmp, `meshc-profile-${phase}`);
    mkdirSync(dir, { recursive: true });
    const peer = await meshcPeer({ cpuProfDir: profDir }).start({ backends: o.backends, dir, root: o.root, nofile: o.nofile, log: o.log });
    let figure = '';
    try {
      if (phase === 'throughput') {
        const s = await throughput(peer.iperfPort, peer, 1, d);
        figure = `${s.gbps.toFixed(2)} Gbit/s, meshc CPU ${(s.cpuUtilization ?? 0).toFixed(2)} cores, ${(s.cpuPerGB ?? 0).toFixed(3)} CPU-s/GB`;
      } else {
        const r = await connRate(o.tools, peer, d);
        figure = `${Math.round(r.rate)} connections/s, ${r.errors} errors`;
      }
    } finally {
      await peer.stop(); // graceful SIGTERM: node writes the profile on exit
    }
    const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
    if (files.length === 0) throw new Error(`no .cpuprofile written in ${profDir} (did meshc exit gracefully on SIGTERM?)`);
    const prof = JSON.parse(readFileSync(path.join(profDir, files[0]!), 'utf8')) as CpuProfile;
    out.push(`== meshc run under --cpu-prof, ${phase} test (${o.seconds} s): ${figure}`, summarizeProfile(prof, 25, (peer.startupMs ?? 0) + 300));
  }
  return out.join('\n');
}
