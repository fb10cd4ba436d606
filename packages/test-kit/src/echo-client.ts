// Laravel Echo over a pusher-js client, as a Laravel front end uses it.
import Echo from 'laravel-echo';
import type PusherClient from 'pusher-js';

/** Which Echo broadcaster drives the pusher-js client; both speak Pusher to Herald. */
export type EchoBroadcaster = 'reverb' | 'pusher';

/**
 * A laravel-echo instance bound to an existing pusher-js client (`options.client`). Typed as the
 * reverb flavour: both broadcasters use the same Pusher connector and channel classes.
 */
export function createEchoClient(
  client: PusherClient,
  key: string,
  broadcaster: EchoBroadcaster = 'reverb',
): Echo<'reverb'> {
  const options = {
    broadcaster,
    key,
    client,
    // No axios or jQuery here: tests send X-Socket-ID themselves from `socketId()`.
    withoutInterceptors: true,
  };
  return new Echo<'reverb'>(options as unknown as ConstructorParameters<typeof Echo<'reverb'>>[0]);
}
