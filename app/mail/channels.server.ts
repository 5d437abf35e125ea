// Handlers for outbox channels other than e-mail. A part of the academy that sends messages of its
// own (e.g. xAPI statements to a learning record store) registers its handler at start-up; until
// one is registered, messages on that channel wait in the outbox (they are not failures).

/** Delivers one message's payload or throws (then the sender retries later, with backoff). */
export type ChannelHandler = (payload: unknown) => Promise<void>;

const registry = ((globalThis as { __gdaOutboxChannels?: Map<string, ChannelHandler> }).__gdaOutboxChannels ??=
  new Map());

export function registerChannel(channel: string, handler: ChannelHandler): void {
  registry.set(channel, handler);
}

export function unregisterChannel(channel: string): void {
  registry.delete(channel);
}

export function channelHandler(channel: string): ChannelHandler | undefined {
  return registry.get(channel);
}
