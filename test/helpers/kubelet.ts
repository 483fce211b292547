import { randomInt } from 'node:crypto';
import { chmod, mkdir, readFile, readlink, rename, rm, symlink, writeFile, lstat, open } from 'node:fs/promises';
import path from 'node:path';

/**
 * A faithful reproduction of the kubelet's AtomicWriter (pkg/volume/util/atomic_writer.go), which
 * projects ConfigMap/Secret keys into a volume. Layout after a write of {"plan.json": ...}:
 *
 *   <dir>/..2026_11_25_22_35_23.123456789/plan.json    the payload, in a timestamped dir
 *   <dir>/..data -> ..2026_11_25_22_35_23.123456789     the current payload dir
 *   <dir>/plan.json -> ..data/plan.json                 user-visible, created once, never touched
 *
 * An update: (1) read the old `..data` target, (2) skip if the payload is unchanged, (3) create a
 * new timestamped dir (Go's os.MkdirTemp with the pattern "..2006_01_02_15_04_05.", i.e. a random
 * decimal suffix), (4) write every file there, (5) symlink `..data_tmp` -> new dir, (6) rename
 * `..data_tmp` over `..data` (the atomic step), (7) create missing user-visible symlinks, (8)
 * remove user-visible symlinks of keys no longer in the payload, (9) remove the old dir.
 */
export class AtomicWriter {
  /** Writes that changed the volume. */
  writes = 0;

  constructor(
    readonly targetDir: string,
    private readonly mode = 0o644,
  ) {}

  /** Project `payload` (key -> content) into the volume; false when it was already identical. */
  async write(payload: Record<string, string | Buffer>): Promise<boolean> {
    const dataPath = path.join(this.targetDir, '..data');
    // (1) the current timestamped dir, if any
    let oldTsName: string | null = null;
    try {
      oldTsName = await readlink(dataPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const oldTsDir = oldTsName === null ? null : path.join(this.targetDir, oldTsName);
    // (2) kubelet only writes when some file differs (shouldWritePayload)
    if (oldTsDir !== null && (await this.sameAs(oldTsDir, payload))) return false;
    // (3) new timestamped dir
    const tsDir = await this.newTimestampDir();
    const tsName = path.basename(tsDir);
    // (4) payload files
    for (const [key, content] of Object.entries(payload)) {
      const p = path.join(tsDir, key);
      await mkdir(path.dirname(p), { recursive: true, mode: 0o755 });
      await writeFile(p, content, { mode: this.mode });
      await chmod(p, this.mode);
    }
    // (5) ..data_tmp -> new dir, (6) renamed over ..data: readers see old or new, never a mix
    const tmpPath = path.join(this.targetDir, '..data_tmp');
    await symlink(tsName, tmpPath);
    await rename(tmpPath, dataPath);
    // (7) user-visible symlinks for new top-level keys: <key> -> ..data/<key>
    const visible = new Set(Object.keys(payload).map((k) => k.split('/')[0]!));
    for (const name of visible) {
      const p = path.join(this.targetDir, name);
      try {
        await lstat(p);
      } catch {
        await symlink(path.join('..data', name), p);
      }
    }
    // (8) user-visible paths no longer in the payload
    if (oldTsDir !== null) {
      for (const name of this.oldKeys) if (!visible.has(name)) await rm(path.join(this.targetDir, name), { force: true });
    }
    this.oldKeys = visible;
    // (9) the old payload dir
    if (oldTsDir !== null) await rm(oldTsDir, { recursive: true, force: true });
    this.writes++;
    return true;
  }

  private oldKeys = new Set<string>();

  private async sameAs(dir: string, payload: Record<string, string | Buffer>): Promise<boolean> {
    for (const [key, content] of Object.entries(payload)) {
      try {
        const cur = await readFile(path.join(dir, key));
        if (!cur.equals(Buffer.isBuffer(content) ? content : Buffer.from(content))) return false;
      } catch {
        return false;
      }
    }
    return true;
  }

  /** `..YYYY_MM_DD_HH_MM_SS.<random decimal>` in UTC, created exclusively like os.MkdirTemp. */
  private async newTimestampDir(): Promise<string> {
    const d = new Date();
    const p2 = (n: number): string => String(n).padStart(2, '0');
    const stamp = `..${d.getUTCFullYear()}_${p2(d.getUTCMonth() + 1)}_${p2(d.getUTCDate())}_${p2(d.getUTCHours())}_${p2(d.getUTCMinutes())}_${p2(d.getUTCSeconds())}.`;
    for (;;) {
      const dir = path.join(this.targetDir, stamp + String(randomInt(0, 2 ** 32 - 1)));
      try {
        await mkdir(dir, { mode: 0o700 });
        await chmod(dir, 0o755);
        return dir;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  }
}

/** Replace `file` in place: truncate, then write `content` in `chunks` separate writes. */
export async function writeInPlace(file: string, content: string, chunks = 3, gapMs = 0): Promise<void> {
  const fh = await open(file, 'w');
  try {
    const size = Math.ceil(content.length / chunks);
    for (let i = 0; i < content.length; i += size) {
      await fh.write(content.slice(i, i + size));
      if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    }
  } finally {
    await fh.close();
  }
}

let tmpSeq = 0;

/** Replace `file` atomically the way editors and `kubectl cp`-style tools do: temp file + rename. */
export async function writeViaRename(file: string, content: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${tmpSeq++}.tmp`);
  await writeFile(tmp, content);
  await rename(tmp, file);
}
