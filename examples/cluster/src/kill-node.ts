// `pnpm kill-node [1|2|3]`: SIGKILLs one node of the running `pnpm start` (node 1 by default), as
// if its machine died: no close frames, no goodbye on the bus.
import { readFileSync } from 'node:fs';
import { PIDS_FILE, type NodeRecord } from './run-files';

const which = process.argv[2] ?? '1';
let nodes: NodeRecord[];
try {
  nodes = JSON.parse(readFileSync(PIDS_FILE, 'utf8')) as NodeRecord[];
} catch {
  console.error(`No running cluster (${PIDS_FILE} is missing): run \`pnpm start\` first.`);
  process.exit(1);
}
const node = nodes.find((candidate) => candidate.name === `node-${which}`);
if (node === undefined) {
  console.error(`No node-${which}: pass 1, 2 or 3.`);
  process.exit(1);
}
try {
  process.kill(node.pid, 'SIGKILL');
  console.log(
    `killed ${node.name} (pid ${node.pid}, ${node.url}): watch the other nodes' logs and pages`,
  );
} catch {
  console.error(`${node.name} (pid ${node.pid}) is not running any more.`);
  process.exit(1);
}
