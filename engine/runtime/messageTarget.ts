import { PROCESS_SCOPE } from './eventScopes.js';
import type { ArmedBoundary, Token } from './state.js';

/** What of an instance (its state or its view) says where it waits. */
export interface MessageWaits {
  readonly tokens: readonly Pick<Token, 'id' | 'wait' | 'boundaries'>[];
  readonly subscriptions?: readonly ArmedBoundary[];
}

/** Where a message lands: the token, and the boundary (or event sub-process) it fires, if any. */
export interface MessageTarget {
  readonly tokenId: string;
  readonly boundaryId?: string;
}

/**
 * Where a message of that name meets the instance now, or undefined when nothing waits for it:
 * a receive task or message catch first, then an armed message boundary or an event-based
 * gateway's catch, then a process-level event sub-process's message start. The one rule behind
 * `engine.correlate`, the counter's documents brought and every "does it wait for…" question.
 */
export function messageTarget(instance: MessageWaits, messageName: string): MessageTarget | undefined {
  for (const token of instance.tokens) {
    if (token.wait?.kind === 'message' && token.wait.messageName === messageName) return { tokenId: token.id };
  }
  for (const token of instance.tokens) {
    const armed = token.boundaries?.find((b) => b.messageName === messageName);
    if (armed) return { tokenId: token.id, boundaryId: armed.boundaryId };
  }
  const subscribed = instance.subscriptions?.find((s) => s.messageName === messageName);
  if (subscribed) return { tokenId: PROCESS_SCOPE, boundaryId: subscribed.boundaryId };
  return undefined;
}
