import type { TerminalSession } from '../repositories/terminal-session';
import type { GuessSubject } from '../security/limits/guessing-guard';

export type { GuessSubject };

/** Whose code look-ups count together: this terminal, its store and the address the request came from. */
export function guessSubject(session: TerminalSession, client: string): GuessSubject {
  return { merchantId: session.merchant.id, storeId: session.store.id, terminalId: session.terminal.id, address: client };
}
