// `bash scripts/pnpm.sh --filter @herald/example-live-orders start`: runs the example until Ctrl-C.
import { startLiveOrders } from './server';

const app = await startLiveOrders({ appPort: Number(process.env.PORT ?? 3000) });
console.log(`live orders: open ${app.url}/?user=alice and ${app.url}/?user=bob in two windows`);
console.log(`(Herald listens on 127.0.0.1:${app.heraldPort}; Ctrl-C stops both)`);
process.on('SIGINT', () => void app.close().then(() => process.exit(0)));
