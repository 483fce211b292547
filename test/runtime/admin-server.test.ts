import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { Runtime } from '../../runtime/runtime.js';
import { AdminServer } from '../../runtime/admin/admin-server.js';
import { silentLogger } from '../../runtime/logger.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, httpGet, metricValue, startEchoServer } from '../helpers/net.js';

function request(url: string, method: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('admin server', () => {
  it('serves /ready, /metrics, /clusters, /plan; 404 and 405 otherwise', async (t) => {
    const be = await startEchoServer('a');
    t.after(() => be.close());
    const rt = new Runtime({ logger: silentLogger() });
    t.after(() => rt.stop(0));
    const admin = new AdminServer({ runtime: rt, logger: silentLogger() });
    const aport = await admin.listen('127.0.0.1', 0);
    t.after(() => admin.close());
    const base = `http://127.0.0.1:${aport}`;

    // before any plan: not ready, no plan
    assert.equal((await httpGet(`${base}/ready`)).status, 503);
    assert.equal((await httpGet(`${base}/plan`)).status, 503);

    const port = await freePort();
    const p = plan([listener('a_1_tcp', port)], [cluster('a_1_tcp', [{ port: be.port, weight: 3 }])]);
    await rt.apply(p);
    rt.recordReload(true);

    assert.equal((await httpGet(`${base}/ready`)).status, 200);

    const planRes = await httpGet(`${base}/plan`);
    assert.equal(planRes.status, 200);
    const served = JSON.parse(planRes.body);
    assert.equal(served.hash, p.hash);
    assert.deepEqual(served, p);

    const cl = await httpGet(`${base}/clusters`);
    assert.equal(cl.status, 200);
    const body = JSON.parse(cl.body);
    assert.equal(body.clusters.length, 1);
    const c = body.clusters[0];
    assert.equal(c.name, 'a_1_tcp');
    assert.equal(c.endpoints.length, 1);
    assert.equal(c.endpoints[0].address, '127.0.0.1');
    assert.equal(c.endpoints[0].port, be.port);
    assert.equal(c.endpoints[0].weight, 3);
    assert.equal(c.endpoints[0].healthy, true);
    assert.equal(c.endpoints[0].activeConnections, 0);

    const m = await request(`${base}/metrics`, 'GET');
    assert.equal(m.status, 200);
    assert.match(String(m.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const text = (await httpGet(`${base}/metrics`)).body;
    const lname = listener('a_1_tcp', port).name;
    assert.equal(metricValue(text, `meshc_listener_connections_total{listener="${lname}"}`), 0);
    assert.equal(metricValue(text, `meshc_listener_connections_active{listener="${lname}"}`), 0);
    assert.equal(metricValue(text, `meshc_endpoint_healthy{cluster="a_1_tcp",endpoint="127.0.0.1:${be.port}"}`), 1);
    assert.equal(metricValue(text, `meshc_upstream_bytes_total{cluster="a_1_tcp",direction="upstream"}`), 0);
    assert.equal(metricValue(text, 'meshc_plan_reloads_total{result="success"}'), 1);
    assert.equal(metricValue(text, 'meshc_plan_reloads_total{result="failure"}'), 0);
    assert.ok(metricValue(text, 'process_resident_memory_bytes')! > 0);
    assert.match(text, /^# TYPE meshc_listener_connections_total counter$/m);

    assert.equal((await httpGet(`${base}/nope`)).status, 404);
    const post = await request(`${base}/ready`, 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');

    // draining: /ready turns 503 while everything else keeps answering
    admin.draining = true;
    const r = await httpGet(`${base}/ready`);
    assert.equal(r.status, 503);
    assert.match(r.body, /draining/);
    assert.equal((await httpGet(`${base}/metrics`)).status, 200);
  });

  it('refuses to bind an address in use with E_BIND', async (t) => {
    const rt = new Runtime({ logger: silentLogger() });
    const a = new AdminServer({ runtime: rt, logger: silentLogger() });
    const port = await a.listen('127.0.0.1', 0);
    t.after(() => a.close());
    const b = new AdminServer({ runtime: rt, logger: silentLogger() });
    await assert.rejects(b.listen('127.0.0.1', port), (e: Error & { code?: string }) => e.code === 'E_BIND' && /EADDRINUSE/.test(e.message));
  });

  it('closes a connection that stops sending mid-request (no interval sweep needed), and keeps serving', async (t) => {
    const rt = new Runtime({ logger: silentLogger() });
    t.after(() => rt.stop(0));
    const admin = new AdminServer({ runtime: rt, logger: silentLogger(), socketTimeoutMs: 300 });
    const aport = await admin.listen('127.0.0.1', 0);
    t.after(() => admin.close());
    const slow = net.connect({ port: aport, host: '127.0.0.1' });
    t.after(() => slow.destroy());
    slow.on('error', () => {});
    await once(slow, 'connect');
    slow.write('GET /ready HTTP/1.1\r\nHost: x\r\n'); // headers never finished
    await once(slow, 'close');
    assert.equal((await httpGet(`http://127.0.0.1:${aport}/ready`)).status, 503, 'still serving (no plan yet)');
  });
});
