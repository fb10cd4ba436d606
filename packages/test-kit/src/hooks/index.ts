// Real servers for the React and Vue hook tests: a counting Herald node, an auth server, echoes on them.
export { APP, AuthServer, HeraldUnderTest } from './test-server';
export { barrier, echoFor, laravelOptions, servers, until, useServers } from './harness';
