// The same tests on the pure-JS UDP data path (the fallback when the native addon is not built).
process.env.MESHC_NATIVE = '0';
await import('../runtime/udp-proxy.test.js');
