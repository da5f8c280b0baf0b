/**
 * @python sha256:9b6c31369df7e36f
 * @mode run
 *
 * Hostile: opens a connection to an address that is neither loopback nor the fixture web.
 */
const response = await fetch('http://203.0.113.7/collect');
console.log(response.status === 200 ? 'fetched' : 'failed');

// Output:
// fetched
