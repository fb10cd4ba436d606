// Channel binding: one component's hold on a shared channel, with the controls laravel-echo-react returns.
import type { ChannelLease } from './channel-lease';
import type { ChannelKind } from './channel-name';
import type { EchoHolder } from './echo-holder';

/** What `useEcho` and `useChannel` return, as in @laravel/echo-react: functions, safe to destructure. */
export interface ChannelControls<TChannel = unknown> {
  /**
   * Stops this holder's listeners and gives its share of the channel back. Other components on the
   * channel keep theirs; the channel is left when the last share goes. `leaveAll` changes nothing:
   * a holder only ever gives back its own share.
   */
  leaveChannel: (leaveAll?: boolean) => void;
  /** Same as {@link ChannelControls.leaveChannel}: Laravel's "leave every variant" would silence other components. */
  leave: () => void;
  /** Stops this holder's listeners; the channel stays subscribed. */
  stopListening: () => void;
  /** Listens again (taking a share again after a leave) while mounted. */
  listen: () => void;
  /** The upstream laravel-echo channel, or `null` before mount and after a leave. */
  channel: () => TChannel | null;
}

/** Which channel, and which events to route to the handler. */
export interface ChannelBindingOptions {
  /** The channel name as Echo takes it (`orders.1`, no `private-` prefix). */
  name: string;
  kind: ChannelKind;
  /** Event names as Echo's `listen` takes them. @default [] */
  events?: readonly string[];
}

/** A channel hold a framework mounts and unmounts; the controls work at any time. */
export interface ChannelBinding<TChannel = unknown> {
  readonly controls: ChannelControls<TChannel>;
  /** Takes a share and listens; returns the function that stops and gives the share back. */
  mount(): () => void;
}

/**
 * Creates a binding. Nothing happens until `mount()`, so creating one while rendering is free. The
 * `handler` is bound once per event for the life of the binding: pass a function that reads the
 * latest callback, and changing the callback costs no unbind, no unsubscribe and no auth request.
 */
export function createChannelBinding<TChannel = unknown>(
  holder: EchoHolder,
  options: ChannelBindingOptions,
  handler: (payload: unknown) => void,
): ChannelBinding<TChannel> {
  const events = [...(options.events ?? [])];
  let lease: ChannelLease | undefined;
  let isMounted = false;
  let wantsEvents = true;
  let isBound = false;

  const bind = (): void => {
    if (lease === undefined || isBound || !wantsEvents) return;
    for (const event of events) lease.listen(event, handler);
    isBound = true;
  };
  const unbind = (): void => {
    if (lease === undefined || !isBound) return;
    for (const event of events) lease.stopListening(event, handler);
    isBound = false;
  };
  const acquire = (): void => {
    lease ??= holder.get().channels.acquire(options.name, options.kind);
    bind();
  };
  const release = (): void => {
    const held = lease;
    lease = undefined;
    isBound = false;
    held?.release();
  };

  return {
    controls: {
      leaveChannel: release,
      leave: release,
      stopListening() {
        wantsEvents = false;
        unbind();
      },
      listen() {
        wantsEvents = true;
        if (isMounted) acquire();
      },
      channel: () => (lease?.channel ?? null) as TChannel | null,
    },
    mount() {
      isMounted = true;
      acquire();
      return () => {
        isMounted = false;
        release();
      };
    },
  };
}
