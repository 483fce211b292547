// The same tests on the pure-JS data path (the fallback when the native addon is not built).
process.env.MESHC_NATIVE = '0';
await import('../runtime/traffic-limits.test.js');
