// The same mutual TLS tests on the pure-JS TCP data path (the native path hands TLS and
// authorization listeners to JS; this covers the path without the addon at all).
process.env.MESHC_NATIVE = '0';
await import('../e2e/mtls-run.test.js');
