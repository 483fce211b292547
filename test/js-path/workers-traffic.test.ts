// The same test with the workers on the pure-JS data path (MESHC_NATIVE=0 reaches the child processes).
process.env.MESHC_NATIVE = '0';
await import('../e2e/workers-traffic.test.js');
