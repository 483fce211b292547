import type { DnsEndpoints } from '../../schemas/types/plan.gen.js';
import type { Logger } from '../logger.js';
import type { Member } from './cluster.js';

/**
 * Headless-service discovery (Envoy: STRICT_DNS): resolves ALL A/AAAA records of a name and
 * re-resolves periodically, handing each answer to the cluster as its member set.
 * STUB — replaced by the health/DNS issue.
 */
export class DnsResolver {
  constructor(
    readonly config: DnsEndpoints,
    private readonly onAnswer: (members: Member[]) => void,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.onAnswer;
    void this.logger;
  }

  stop(): void {}
}
