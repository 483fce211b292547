/** The backends every peer forwards to (all on 127.0.0.1). */
export interface Backends {
  /** iperf3 server (throughput). */
  iperfPort: number;
  /** C echo server, TCP and UDP on the same port (connections, RTT, idle, UDP). */
  echoPort: number;
}

/** What a peer gets to start with. */
export interface PeerContext {
  backends: Backends;
  /** A private temp directory for config, pid and log files. */
  dir: string;
  /** Repository root (bin/meshc.js, bench/policy). */
  root: string;
  /** File-descriptor limit to run proxies with (10,000 idle connections need 20,000+). */
  nofile: number;
  log(msg: string): void;
}

/** A started peer: where clients connect, and the process doing the forwarding. */
export interface RunningPeer {
  name: string;
  /** The forwarding process (CPU and RSS are read from it); undefined for direct. */
  pid?: number;
  iperfPort: number;
  echoPort: number;
  /** Undefined when the peer cannot forward UDP (n/a in the table). */
  udpPort?: number;
  /** How long the forwarding process took from spawn to ready (meshc: /ready is 200). */
  startupMs?: number;
  /** Why UDP (or anything else) is not available, for the report. */
  notes: string[];
  stop(): Promise<void>;
}

/** A peer of the comparison (direct, nginx, haproxy, meshc, naive-node). */
export interface PeerDef {
  name: string;
  start(ctx: PeerContext): Promise<RunningPeer>;
}
