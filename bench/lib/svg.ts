import { METRICS, fmt, type Results } from './results.js';

const COLORS: Record<string, string> = {
  direct: '#9aa0a6',
  nginx: '#009639',
  haproxy: '#1f6fb2',
  meshc: '#e8710a',
  'naive-node': '#a142f4',
};

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A small-multiples bar chart of the medians (one panel per figure, one bar per peer), as a
 * hand-written SVG: no dependencies, readable in any browser and on GitHub.
 */
export function renderSvg(r: Results): string {
  const cols = 3;
  const panelW = 330;
  const barH = 16;
  const gap = 5;
  const panelH = 56 + r.peers.length * (barH + gap);
  const metrics = METRICS;
  const rows = Math.ceil(metrics.length / cols);
  const W = cols * panelW + 20;
  const H = 70 + rows * panelH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">meshc benchmark — medians of ${esc(String(r.config['rounds']))} interleaved rounds, one worker each</text>`,
    `<text x="10" y="42" fill="#555">${esc(r.date.slice(0, 10))} · ${r.machine.nproc} × ${esc(r.machine.cpuModel)} · ${esc(r.machine.kernel)} · node ${esc(r.machine.node)}</text>`,
  ];
  metrics.forEach((m, i) => {
    const x0 = 10 + (i % cols) * panelW;
    const y0 = 60 + Math.floor(i / cols) * panelH;
    const vals = r.peers.map((p) => r.medians[m.id]?.[p] ?? null);
    const max = Math.max(1e-12, ...vals.map((v) => (v === null ? 0 : Math.abs(v))));
    out.push(`<text x="${x0}" y="${y0 + 14}" font-weight="bold">${esc(m.label)}</text>`);
    out.push(`<text x="${x0}" y="${y0 + 28}" fill="#555">${esc(m.unit)} · ${m.better} is better</text>`);
    const barX = x0 + 78;
    const barMax = panelW - 78 - 80;
    r.peers.forEach((p, j) => {
      const y = y0 + 36 + j * (barH + gap);
      const v = vals[j]!;
      out.push(`<text x="${barX - 6}" y="${y + barH - 4}" text-anchor="end">${esc(p)}</text>`);
      if (v === null) {
        out.push(`<text x="${barX}" y="${y + barH - 4}" fill="#999">n/a</text>`);
        return;
      }
      const w = Math.max(1, (Math.abs(v) / max) * barMax);
      out.push(`<rect x="${barX}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${COLORS[p] ?? '#666'}"/>`);
      out.push(`<text x="${(barX + w + 4).toFixed(1)}" y="${y + barH - 4}">${esc(fmt(v, m.unit))}</text>`);
    });
  });
  out.push('</svg>', '');
  return out.join('\n');
}
