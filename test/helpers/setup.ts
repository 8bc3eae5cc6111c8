// Loaded by mocha before every test file (see .mocharc.json).
// Keep the test environment quiet and deterministic: no real network, logs at warn.
process.env.LOG_LEVEL ??= 'silent';
