// The same tests on the pure-JS TCP data path (the fallback when the native addon is not built).
process.env.MESHC_NATIVE = '0';
await import('../runtime/locality-aware.test.js');
