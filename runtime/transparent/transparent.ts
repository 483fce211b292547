import type { Plan } from '../../schemas/types/plan.gen.js';
import { MeshcError } from '../errors.js';
import type { Logger } from '../logger.js';
import { loadPlanFile } from '../plan/plan-loader.js';

/**
 * `meshc run --transparent`: the runtime side of iptables interception. The compiled rules
 * REDIRECT each captured service port to the listener serving it (one listener per port), so a
 * redirected connection needs no original-destination lookup (no SO_ORIGINAL_DST, no native
 * addon): the listener it lands on is the destination. What the runtime must guarantee instead is
 * that its own traffic is exempt, or every upstream connection would be captured again and loop.
 * That is checked here, before any listener is bound.
 */

/** The identity the kernel's owner match sees for this process's sockets. */
export interface ProcessIds {
  uid: number;
  /** Effective gid: `-m owner --gid-owner` matches it (supplementary groups only with --suppl-groups). */
  gid: number;
}

/** What makes transparent mode unsafe (errors) or partly ineffective (warnings) for a plan. */
export interface TransparentCheck {
  errors: string[];
  warnings: string[];
}

/** This process's uid/gid, or null where the platform has none (Windows). */
export function currentIds(): ProcessIds | null {
  if (typeof process.geteuid !== 'function' || typeof process.getegid !== 'function') return null;
  return { uid: process.geteuid(), gid: process.getegid() };
}

/** Check that `plan` can run behind its interception rules as the process `ids`. */
export function checkTransparent(plan: Plan, ids: ProcessIds | null): TransparentCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const ic = plan.interception;
  if (ic.mode !== 'iptables') {
    errors.push(
      `plan "${plan.name}" has interception mode "${ic.mode}": no rules send traffic to this proxy; set spec.interception.mode: iptables in the Sidecar and apply the compiled iptables.rules`,
    );
    return { errors, warnings };
  }
  if (ids === null) {
    errors.push('transparent interception needs Linux (iptables owner match on the process uid/gid)');
    return { errors, warnings };
  }
  const uid = ic.proxyUid ?? 1337;
  const gid = ic.proxyGid ?? 1337;
  if (ids.uid !== uid && ids.gid !== gid) {
    errors.push(
      `running as uid ${ids.uid} gid ${ids.gid}, but the interception rules exempt only uid ${uid} / gid ${gid}: ` +
        `the proxy's own upstream connections would be redirected back into it. Run it as that user ` +
        `(e.g. setpriv --reuid=${uid} --regid=${gid} --clear-groups meshc run --transparent ...) or set interception.proxyUid/proxyGid`,
    );
  }
  for (const l of plan.listeners) {
    if (l.address.includes(':') && l.address !== '::') {
      warnings.push(`listener ${l.name}: an IPv6 address receives only IPv6 connections (captured by ip6tables.rules); IPv4 connections are not captured`);
    } else if (l.direction === 'inbound' && l.address.startsWith('127.')) {
      warnings.push(
        `listener ${l.name}: inbound traffic DNATed to a loopback address is dropped unless net.ipv4.conf.<if>.route_localnet=1; bind inbound listeners to 0.0.0.0 or the pod address`,
      );
    }
  }
  return { errors, warnings };
}

/** Throw E_TRANSPARENT when `plan` cannot run transparently as this process; returns the warnings. */
export function assertTransparent(plan: Plan, ids: ProcessIds | null = currentIds()): string[] {
  const r = checkTransparent(plan, ids);
  if (r.errors.length > 0) throw new MeshcError('E_TRANSPARENT', r.errors.join('; '));
  return r.warnings;
}

/**
 * `meshc run --transparent` start-up check on the plan file: throws E_TRANSPARENT when the plan
 * cannot run behind its rules as this process and logs the warnings. A plan that cannot be read
 * or is invalid is left to the plan source, which reports it the usual way.
 */
export async function preflightTransparent(file: string, logger: Logger): Promise<void> {
  let plan: Plan;
  try {
    plan = await loadPlanFile(file);
  } catch {
    return;
  }
  for (const w of assertTransparent(plan)) logger.warn({ plan: plan.name }, w);
  logger.info({ plan: plan.name, proxyUid: plan.interception.proxyUid, proxyGid: plan.interception.proxyGid }, 'transparent mode: per-port redirects to the plan listeners');
}
