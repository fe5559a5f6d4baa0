/** RFC 7235: the auth scheme name is case-insensitive (`Bearer`, `bearer`, `BEARER` all match). */
const BEARER = /^bearer[ \t]+([A-Za-z0-9_-]{20,200})[ \t]*$/i;

/** The token of an `Authorization: Bearer <token>` header, or undefined when there is none. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return BEARER.exec(authorization ?? '')?.[1];
}
