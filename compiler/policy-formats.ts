/**
 * The custom JSON Schema formats of schemas/policy.schema.json, by name. One object shared by the
 * validator generated at build time (compiler/policy-validator.gen.ts imports it) and the ajv
 * compile compiler/validate.ts falls back to when that file is stale.
 */
import { canonicalIp, isCidr, parseSocketAddress } from './address.js';

const formats: Record<string, (s: string) => boolean> = {
  ip: (s) => canonicalIp(s) !== null,
  'host-port': (s) => parseSocketAddress(s) !== null,
  cidr: isCidr,
};

export default formats;
