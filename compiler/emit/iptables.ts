import type { Plan } from '../../schemas/types/plan.gen.js';

/** Plan -> iptables-restore rules (nat table), or null when interception is off. STUB. */
export function emitIptables(plan: Plan): string | null {
  if (plan.interception.mode === 'none') return null;
  throw new Error('iptables target not implemented');
}
