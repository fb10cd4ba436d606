// `pnpm --filter @herald/example-live-orders start`: runs the example until Ctrl-C.
import { startLiveOrders } from './server';

const app = await startLiveOrders({ appPort: Number(process.env.PORT ?? 3000) });
console.log(`live orders: open ${app.url}/?user=alice and ${app.url}/?user=bob (Herald on port ${app.heraldPort})`);
process.on('SIGINT', () => void app.close().then(() => process.exit(0)));
