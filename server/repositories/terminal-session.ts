/** Who is calling: the paired terminal behind a bearer token, with its store and merchant. */
export interface TerminalSession {
  terminal: { id: string; name: string };
  store: { id: string; name: string };
  merchant: { id: string; name: string; timeZone: string };
}
