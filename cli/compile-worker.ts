/**
 * Compile a policy in a worker thread, so `meshc diff` compiles its two sides at once on two
 * cores (a 10,000-service policy takes over a second of CPU per side). The worker runs the same
 * compiler; its result comes back by structured clone.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { compile, type CompileResult } from '../compiler/index.js';

/** What crosses the thread boundary: a compile result without its functions (not cloneable). */
export type CompileData = Omit<CompileResult, 'origin'>;

/** Compile `paths` in a worker thread; falls back to this thread if no worker can be started. */
export function compileInWorker(paths: string[]): Promise<CompileData> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL(import.meta.url), { workerData: { paths } });
    } catch {
      compile(paths).then(resolve, reject);
      return;
    }
    let done = false;
    worker.once('message', (r: CompileData) => {
      done = true;
      resolve(r);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`compile worker exited with code ${code}`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as { paths?: unknown } | null)?.paths) {
  const port = parentPort;
  void compile((workerData as { paths: string[] }).paths).then(({ plans, diagnostics, summary }) => port.postMessage({ plans, diagnostics, summary } satisfies CompileData));
}
