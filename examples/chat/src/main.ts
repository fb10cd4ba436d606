// `pnpm --filter @herald/example-chat start`: runs the chat until Ctrl-C.
import { startChat } from './server';

const chat = await startChat({
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
  ...(process.env.CHAT_SESSION_SECRET === undefined
    ? {}
    : { sessionSecret: process.env.CHAT_SESSION_SECRET }),
});
console.log(
  `chat: open ${chat.url} in two browsers (or a private window) and sign in with two names`,
);
process.on('SIGINT', () => void chat.close().then(() => process.exit(0)));
