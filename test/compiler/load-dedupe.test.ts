// A policy file reached twice — given twice, through a symlink, or through a hard link — is read
// once (same device and inode), so its documents are not reported as duplicates of themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { link, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compile } from '../../compiler/index.js';

const SERVICE = `apiVersion: meshc.dev/v1alpha1
kind: Service
metadata:
  name: orders
spec:
  ports:
    - { name: main, port: 5432, protocol: tcp }
  endpoints:
    static:
      - { address: 10.0.0.1 }
`;

test('the same file through a second path, a symlink and a hard link is read once', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-load-dedupe-'));
  try {
    const a = path.join(dir, 'a');
    await mkdir(a);
    const file = path.join(a, 'orders.yaml');
    await writeFile(file, SERVICE);
    await symlink(file, path.join(dir, 'via-symlink.yaml'));
    await link(file, path.join(dir, 'via-hardlink.yaml'));
    const r = await compile([a, file, `${a}/../a/orders.yaml`, path.join(dir, 'via-symlink.yaml'), path.join(dir, 'via-hardlink.yaml')]);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(r.summary.files, 1);
    assert.equal(r.summary.services, 1);
    // a different file with the same content is a different file: a duplicate service
    await writeFile(path.join(dir, 'copy.yaml'), SERVICE);
    const dup = await compile([a, path.join(dir, 'copy.yaml')]);
    assert.equal(dup.summary.files, 2);
    assert.ok(dup.diagnostics.some((d) => d.severity === 'error'), 'a copy is loaded as a second file');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
