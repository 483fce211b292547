/**
 * Prometheus text exposition (format 0.0.4). Components keep their counters in plain numeric
 * fields on the hot path and only turn them into samples here, at scrape time, so no metric
 * object is touched per connection or per datagram.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram';

interface Family {
  type: MetricType;
  help: string;
  lines: string[];
}

/** Collects samples from many sources and renders them grouped by family. */
export class PromWriter {
  private readonly families = new Map<string, Family>();

  /** Add one sample; `labels` values are escaped here. */
  add(name: string, type: MetricType, help: string, labels: Record<string, string> | null, value: number): void {
    let fam = this.families.get(name);
    if (!fam) {
      fam = { type, help, lines: [] };
      this.families.set(name, fam);
    }
    fam.lines.push(`${name}${renderLabels(labels)} ${formatValue(value)}`);
  }

  /** Declare a family with no samples yet, so it still shows up with HELP/TYPE. */
  declare(name: string, type: MetricType, help: string): void {
    if (!this.families.has(name)) this.families.set(name, { type, help, lines: [] });
  }

  /** Add a pre-rendered sample line (histogram buckets) to a family. */
  raw(name: string, type: MetricType, help: string, line: string): void {
    this.declare(name, type, help);
    this.families.get(name)!.lines.push(line);
  }

  /** The exposition text, families in a stable (sorted) order. */
  render(): string {
    const names = [...this.families.keys()].sort();
    let out = '';
    for (const n of names) {
      const f = this.families.get(n)!;
      out += `# HELP ${n} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${n} ${f.type}\n`;
      for (const l of f.lines) out += l + '\n';
    }
    return out;
  }
}

/** Anything that contributes samples at scrape time. */
export interface MetricsSource {
  collect(w: PromWriter): void;
}

/** `{a="x",b="y"}` with Prometheus escaping; empty string for no labels. */
export function renderLabels(labels: Record<string, string> | null): string {
  if (!labels) return '';
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  return '{' + keys.map((k) => `${k}="${escapeLabel(labels[k]!)}"`).join(',') + '}';
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
