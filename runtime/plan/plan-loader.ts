import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { planHash } from '../../schemas/plan-hash.js';
import { MeshcError } from '../errors.js';
import * as generated from './plan-validator.gen.js';

/** schemas/plan.schema.json at the package root, seen from dist/runtime/plan/. */
const SCHEMA_URL = new URL('../../../schemas/plan.schema.json', import.meta.url);

let validator: ValidateFunction | null = null;

/**
 * The plan schema validator: the one generated at build time (plan-validator.gen.ts, no ajv at
 * run time), or, when the schema changed since it was generated, the schema compiled with ajv here
 * (same options, same errors) so that a stale build never validates against an old schema.
 */
function validatePlanSchema(): ValidateFunction {
  if (validator) return validator;
  const text = readFileSync(SCHEMA_URL, 'utf8');
  if (createHash('sha256').update(text).digest('hex') === generated.SCHEMA_SHA256) {
    validator = generated.validate as unknown as ValidateFunction;
  } else {
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    validator = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(text));
  }
  return validator;
}

/**
 * Read and validate a plan file: gzip or not, JSON, plan.schema.json, cross-references, hash.
 * Throws MeshcError (codes E_PLAN_*) with a message fit for a log line.
 */
export async function loadPlanFile(file: string): Promise<Plan> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new MeshcError('E_PLAN_READ', `cannot read plan ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parsePlan(await decodePlanBytes(bytes, file), file);
}

/** Largest plan accepted once decompressed: a bound on what a small gzip file can expand to. */
export const MAX_PLAN_BYTES = 256 * 1024 * 1024;

const gunzipAsync = promisify(gunzip);

/** True when `bytes` start with the gzip magic number (1f 8b), whatever the file is called. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Plan file bytes -> JSON text. gzip content (a plan too large for a ConfigMap as text goes
 * gzip-compressed under `binaryData`) is decompressed off the event loop; anything else is UTF-8.
 * Codes: E_PLAN_GZIP (corrupt or truncated stream, or larger than MAX_PLAN_BYTES decompressed).
 */
export async function decodePlanBytes(bytes: Buffer, file = '<plan>'): Promise<string> {
  if (!isGzip(bytes)) return bytes.toString('utf8');
  let out: Buffer;
  try {
    out = await gunzipAsync(bytes, { maxOutputLength: MAX_PLAN_BYTES });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ERR_BUFFER_TOO_LARGE' ? `larger than ${MAX_PLAN_BYTES} bytes decompressed` : e.message;
    throw new MeshcError('E_PLAN_GZIP', `${file}: gzip content cannot be decompressed: ${why}`, { cause: err });
  }
  return out.toString('utf8');
}

/**
 * Validate plan JSON text (see loadPlanFile). Codes: E_PLAN_JSON (not JSON), E_PLAN_SCHEMA
 * (plan.schema.json), E_PLAN_ADDRESS (not an IP literal), E_PLAN_DUPLICATE (listener/cluster
 * names, listener transport+address+port), E_PLAN_REFERENCE (unknown cluster, listener with no
 * route), E_PLAN_SPLIT (every weightedClusters weight is 0), E_PLAN_HASH (`hash` does not match
 * the content).
 */
export function parsePlan(text: string, file = '<plan>'): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new MeshcError('E_PLAN_JSON', `${file}: not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return checkPlan(data, file);
}

/** Validate an already-parsed plan object (schema + semantics + hash); returns it typed. */
export function checkPlan(data: unknown, file = '<plan>'): Plan {
  const validate = validatePlanSchema();
  if (!validate(data)) {
    const errs = (validate.errors ?? []).slice(0, 5).map(formatAjvError).join('; ');
    throw new MeshcError('E_PLAN_SCHEMA', `${file}: does not match plan.schema.json: ${errs}`);
  }
  const plan = data as Plan;
  const fail = (code: string, msg: string): never => {
    throw new MeshcError(code, `${file}: ${msg}`);
  };

  if (net.isIP(plan.admin.address) === 0) fail('E_PLAN_ADDRESS', `admin.address ${JSON.stringify(plan.admin.address)} is not an IP address`);

  const clusters = new Set<string>();
  for (const c of plan.clusters) {
    if (clusters.has(c.name)) fail('E_PLAN_DUPLICATE', `duplicate cluster name ${c.name}`);
    clusters.add(c.name);
    if (c.endpoints.type === 'static') {
      for (const h of c.endpoints.hosts) {
        if (net.isIP(h.address) === 0) fail('E_PLAN_ADDRESS', `cluster ${c.name}: endpoint address ${JSON.stringify(h.address)} is not an IP address`);
      }
    }
  }

  const names = new Set<string>();
  const keys = new Map<string, string>();
  for (const l of plan.listeners) {
    if (names.has(l.name)) fail('E_PLAN_DUPLICATE', `duplicate listener name ${l.name}`);
    names.add(l.name);
    if (net.isIP(l.address) === 0) fail('E_PLAN_ADDRESS', `listener ${l.name}: address ${JSON.stringify(l.address)} is not an IP address`);
    const key = `${l.transport} ${l.address} ${l.port}`;
    const other = keys.get(key);
    if (other !== undefined) fail('E_PLAN_DUPLICATE', `listeners ${other} and ${l.name} both bind ${l.transport} ${l.address}:${l.port}`);
    keys.set(key, l.name);
    if (l.cluster === undefined && l.weightedClusters === undefined && l.sniRoutes.length === 0) fail('E_PLAN_REFERENCE', `listener ${l.name} has neither a cluster, weightedClusters nor sniRoutes`);
    if (l.cluster !== undefined && !clusters.has(l.cluster)) fail('E_PLAN_REFERENCE', `listener ${l.name} references unknown cluster ${l.cluster}`);
    for (const w of l.weightedClusters ?? []) {
      if (!clusters.has(w.cluster)) fail('E_PLAN_REFERENCE', `listener ${l.name}: weightedClusters references unknown cluster ${w.cluster}`);
    }
    if (l.weightedClusters !== undefined && !l.weightedClusters.some((w) => w.weight > 0)) fail('E_PLAN_SPLIT', `listener ${l.name}: every weightedClusters weight is 0`);
    for (const r of l.sniRoutes) {
      if (!clusters.has(r.cluster)) fail('E_PLAN_REFERENCE', `listener ${l.name}: sniRoutes references unknown cluster ${r.cluster}`);
    }
  }

  const expected = planHash(plan);
  if (plan.hash !== expected) fail('E_PLAN_HASH', `hash ${plan.hash} does not match the plan's content (expected ${expected}); plans are written by 'meshc compile'`);
  return plan;
}

function formatAjvError(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(root)' : e.instancePath;
  if (e.keyword === 'additionalProperties') return `${where}: unknown field ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)}`;
  return `${where}: ${e.message ?? e.keyword}`;
}
