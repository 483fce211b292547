import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k8sProblems } from '../helpers/k8s-schema.js';

const deployment = (container: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' }, annotations: { a: 'b' } },
      spec: { containers: [container], initContainers: [{ name: 'p', image: 'i', restartPolicy: 'Always', ports: [{ containerPort: 15021, name: 'meshc-health' }] }] },
    },
  },
});

test('the strict Kubernetes schema check accepts a valid Deployment and names unknown fields, wrong types and bad formats', () => {
  assert.deepEqual(k8sProblems(deployment({ name: 'app', image: 'nginx', resources: { requests: { cpu: '10m', memory: 64 } } })), []);
  const unknown = k8sProblems(deployment({ name: 'app', image: 'nginx', imagePullPolicyy: 'Always' }));
  assert.deepEqual(unknown, ['spec.template.spec.containers[0].imagePullPolicyy: unknown field "imagePullPolicyy"']);
  assert.ok(k8sProblems(deployment({ name: 'app', image: 'nginx', ports: [{ containerPort: 'eighty' }] })).length > 0, 'wrong type');
  assert.ok(k8sProblems(deployment({ image: 'nginx' })).some((p) => /name/.test(p)), 'missing required name');
  assert.ok(k8sProblems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, binaryData: { a: 'not base64!' } }).length > 0);
  assert.deepEqual(k8sProblems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } }), []);
  assert.deepEqual(k8sProblems({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } } } } }), []);
  assert.match(k8sProblems({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, dat: {} }] })[0]!, /items\[0\]\.dat: unknown field/);
  assert.match(k8sProblems({ apiVersion: 'apps/v1', kind: 'Deploymnet' })[0]!, /no Kubernetes schema/);
});
