import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { decodeBase64url, encodeBase64url } from './base64url';
import { fail, ok, type Result } from './result';
import type { RandomBytes } from './voucher-code';
import { decodeQrPayload, encodeQrPayload, QrKeyId, VoucherQrClaims } from './voucher-qr-payload';

export { QrKeyId, VoucherQrClaims } from './voucher-qr-payload';

/**
 * A voucher QR token: `HX1.` + base64url(payload) + `.` + base64url(Ed25519 signature over the
 * prefix and payload bytes). It proves a voucher is genuine, never that it is unspent.
 */
export const VOUCHER_QR_PREFIX = 'HX1.';

const PREFIX_BYTES = [...VOUCHER_QR_PREFIX].map((ch) => ch.charCodeAt(0));
const SIGNATURE_BYTES = 64;
const KEY_BYTES = 32;
const MAX_TOKEN_LENGTH = 512;

/** One public key a terminal trusts; `notAfter` (unix seconds) retires it after rotation. */
export const QrPublicKey = z.object({
  kid: QrKeyId,
  publicKey: z.string().refine((text) => decodeBase64url(text)?.length === KEY_BYTES, {
    message: 'expected 32 raw bytes in base64url',
  }),
  notAfter: z.int().min(0).optional(),
});
export type QrPublicKey = z.infer<typeof QrPublicKey>;

/** The merchant's private signing key: a 32-byte Ed25519 seed (RFC 8032), kept on the server. */
export interface QrSigningKey {
  readonly kid: string;
  readonly secretKey: Uint8Array;
}

/**
 * Signs a message with a 32-byte Ed25519 seed. Ed25519 is deterministic, so any correct signer
 * yields the same token; the server may pass node:crypto's (about 20× faster) for bulk issuance.
 */
export type Ed25519Sign = (message: Uint8Array, secretKey: Uint8Array) => Uint8Array;

const nobleSign: Ed25519Sign = (message, secretKey) => ed25519.sign(message, secretKey);

export type QrFailureCode = 'QR_MALFORMED' | 'QR_BAD_SIGNATURE' | 'QR_UNKNOWN_KEY' | 'QR_EXPIRED';

export interface VerifiedVoucherQr extends VoucherQrClaims {
  readonly kid: string;
}

function signedMessage(payload: Uint8Array): Uint8Array {
  const message = new Uint8Array(PREFIX_BYTES.length + payload.length);
  message.set(PREFIX_BYTES);
  message.set(payload, PREFIX_BYTES.length);
  return message;
}

function signatureMatches(signature: Uint8Array, payload: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, signedMessage(payload), publicKey, { zip215: false });
  } catch {
    // A public key that is not a curve point is as untrustworthy as a wrong signature.
    return false;
  }
}

export function generateQrSigningKey(
  kid: string,
  randomBytes: RandomBytes,
): { signingKey: QrSigningKey; publicKey: QrPublicKey } {
  QrKeyId.parse(kid);
  const secretKey = Uint8Array.from(randomBytes(KEY_BYTES));
  if (secretKey.length !== KEY_BYTES) throw new RangeError('the random source returned the wrong length');
  const signingKey = { kid, secretKey };
  return { signingKey, publicKey: qrPublicKeyOf(signingKey) };
}

export function qrPublicKeyOf(signingKey: QrSigningKey): QrPublicKey {
  return { kid: signingKey.kid, publicKey: encodeBase64url(ed25519.getPublicKey(signingKey.secretKey)) };
}

export function looksLikeVoucherQr(text: string): boolean {
  return text.startsWith(VOUCHER_QR_PREFIX);
}

export function signVoucherQr(
  claims: VoucherQrClaims,
  signingKey: QrSigningKey,
  sign: Ed25519Sign = nobleSign,
): Result<string, 'VALIDATION_FAILED'> {
  const parsed = VoucherQrClaims.safeParse(claims);
  if (!parsed.success) return fail('VALIDATION_FAILED', `QR claims: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  if (!QrKeyId.safeParse(signingKey.kid).success) return fail('VALIDATION_FAILED', 'QR key id is not valid');
  const payload = encodeQrPayload(signingKey.kid, parsed.data);
  const signature = sign(signedMessage(payload), signingKey.secretKey);
  return ok(`${VOUCHER_QR_PREFIX}${encodeBase64url(payload)}.${encodeBase64url(signature)}`);
}

/** Reads a token without checking its signature: for display and diagnostics, never for trust. */
export function decodeVoucherQr(
  token: string,
): Result<{ kid: string; claims: VoucherQrClaims; payload: Uint8Array; signature: Uint8Array }, 'QR_MALFORMED'> {
  const malformed = fail('QR_MALFORMED', 'this is not a Hexiao voucher QR code');
  const text = token.trim();
  if (text.length > MAX_TOKEN_LENGTH || !looksLikeVoucherQr(text)) return malformed;
  const parts = text.slice(VOUCHER_QR_PREFIX.length).split('.');
  if (parts.length !== 2) return malformed;
  const payload = decodeBase64url(parts[0] ?? '');
  const signature = decodeBase64url(parts[1] ?? '');
  if (!payload || !signature || signature.length !== SIGNATURE_BYTES) return malformed;
  const decoded = decodeQrPayload(payload);
  if (!decoded) return malformed;
  return ok({ ...decoded, payload, signature });
}

/**
 * Checks a scanned token against the merchant's active public keys at `nowSeconds` (unix).
 * The signature is checked before expiry so a forged token never learns more than "bad signature".
 */
export function verifyVoucherQr(
  token: string,
  keys: readonly QrPublicKey[],
  nowSeconds: number,
): Result<VerifiedVoucherQr, QrFailureCode> {
  const decoded = decodeVoucherQr(token);
  if (!decoded.ok) return decoded;
  const { kid, claims, payload, signature } = decoded.value;
  const key = keys.find((k) => k.kid === kid && (k.notAfter === undefined || nowSeconds <= k.notAfter));
  const publicKey = key ? decodeBase64url(key.publicKey) : null;
  if (!publicKey || publicKey.length !== KEY_BYTES) {
    return fail('QR_UNKNOWN_KEY', `QR signed with a key this terminal does not trust (${kid})`);
  }
  if (!signatureMatches(signature, payload, publicKey)) return fail('QR_BAD_SIGNATURE', 'the QR signature does not match: not a genuine voucher');
  if (nowSeconds >= claims.expiresAt) return fail('QR_EXPIRED', 'this QR code has expired');
  return ok({ ...claims, kid });
}
