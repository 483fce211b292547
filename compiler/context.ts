/**
 * The one typed context every compiler stage reads and extends (load -> validate -> resolve ->
 * normalize), in the manner of ajv's lib/compile. Stages report problems through `report`.
 */
import type { Document, LineCounter } from 'yaml';
import type { Authorization, Plan } from '../schemas/types/plan.gen.js';
import type { Interception, ServiceSpec, SidecarSpec } from '../schemas/types/policy.gen.js';
import type { Diagnostic } from './diagnostics.js';
import { locate, type PathSeg } from './locate.js';
import type { SocketAddr } from './address.js';
import type { ListenerTraffic } from './traffic.js';

/** Tunables; the defaults suit real policy repositories. */
export interface CompileOptions {
  /** Files larger than this are rejected unread (E_FILE_TOO_LARGE). Default 16 MiB. */
  maxFileBytes?: number;
  /** Alias expansions allowed per document before it counts as an alias bomb. Default 100. */
  maxAliasCount?: number;
}

/** A parsed document with source ranges, and the line index of its file. */
export interface DocAst {
  doc: Document;
  lc: LineCounter;
}

/** One YAML document with everything needed to point back at its source. */
export interface SourceDoc {
  /** The file path as the user gave it (joined with the relative path for directory input). */
  file: string;
  /** 0-based index among the file's non-empty documents. */
  index: number;
  /** The document as plain JS data. */
  value: unknown;
  /** Set by validate: the document matches the schema. */
  valid: boolean;
  /**
   * The document with source ranges. Built lazily: policy that loads cleanly takes a fast
   * parser, and positions are only needed when there is something to report.
   */
  ast(): DocAst;
}

/** A Service document that passed validation. */
export interface ServiceModel {
  name: string;
  src: SourceDoc;
  spec: ServiceSpec;
  /** False when a semantic check on the service itself failed; sidecars still may refer to it. */
  ok: boolean;
}

/** A cluster the plan needs: one port of one service. */
export interface ClusterRef {
  name: string;
  service: ServiceModel;
  portIndex: number;
}

/** A listener after bind resolution and SNI merging. */
export interface ListenerModel {
  direction: 'outbound' | 'inbound';
  address: string;
  port: number;
  transport: 'tcp' | 'udp';
  protocol: 'tcp' | 'udp' | 'tls' | 'http' | 'auto';
  cluster?: string;
  sniRoutes: Array<{ serverNames: string[]; cluster: string }>;
  service?: string;
  servicePort?: number;
  detectionTimeoutMs: number;
  /** Split, duration/rate limits, PROXY protocol accept (traffic.ts); absent when unused. */
  traffic?: ListenerTraffic;
  /** Inbound: mutual TLS mode (absent = disabled). */
  tls?: 'permissive' | 'strict';
  /** Inbound: L4 authorization, with the workload port its `ports` rules match. */
  authorization?: Authorization;
  workloadPort?: number;
}

/** An inbound entry: its cluster forwards to the local application. */
export interface InboundModel {
  cluster: string;
  port: number;
  protocol: ListenerModel['protocol'];
  transport: 'tcp' | 'udp';
  forwardTo: SocketAddr;
}

/** Everything normalize needs to build one plan. */
export interface SidecarModel {
  name: string;
  admin: SocketAddr;
  listeners: ListenerModel[];
  clusters: ClusterRef[];
  inbound: InboundModel[];
  interception: Interception;
  /** Services this sidecar reaches (for interception.serviceAddresses). */
  services: ServiceModel[];
  spec?: SidecarSpec;
}

export interface CompileContext {
  opts: Required<CompileOptions>;
  /** Files in load order; diagnostics sort by it. */
  fileOrder: Map<string, number>;
  docs: SourceDoc[];
  diagnostics: Diagnostic[];
  services: Map<string, ServiceModel>;
  sidecars: SidecarModel[];
  plans: Plan[];
}

/** A fresh context with defaults applied. */
export function createContext(opts: CompileOptions = {}): CompileContext {
  return {
    opts: { maxFileBytes: opts.maxFileBytes ?? 16 * 1024 * 1024, maxAliasCount: opts.maxAliasCount ?? 100 },
    fileOrder: new Map(),
    docs: [],
    diagnostics: [],
    services: new Map(),
    sidecars: [],
    plans: [],
  };
}

/** Record a diagnostic at `path` inside `src` (its key when target is 'key', else its value). */
export function report(
  ctx: CompileContext,
  src: SourceDoc,
  path: readonly PathSeg[],
  code: string,
  message: string,
  opts: { target?: 'key' | 'value'; severity?: 'error' | 'warning' } = {},
): void {
  const { doc, lc } = src.ast();
  const pos = locate(doc, lc, path, opts.target ?? 'value');
  ctx.diagnostics.push({ code, severity: opts.severity ?? 'error', file: src.file, line: pos.line, col: pos.col, message });
}

/** `FILE:LINE:COL` of a node, for messages that mention a second location. */
export function where(src: SourceDoc, path: readonly PathSeg[], target: 'key' | 'value' = 'value'): string {
  const { doc, lc } = src.ast();
  const pos = locate(doc, lc, path, target);
  return `${src.file}:${pos.line}:${pos.col}`;
}
