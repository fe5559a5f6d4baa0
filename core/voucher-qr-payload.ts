import { z } from 'zod';
import { dammIsValid } from './damm';

/**
 * The binary body of a QR token, packed to keep the code small at the counter:
 * flags(1) kidLength(1) kid · voucherId · merchantId · code(5, big-endian) · expiresAt(4) · uses(2).
 * An id that is a lowercase UUID takes 16 bytes (its flag bit set); any other id is length + ASCII.
 */

const ID = z.string().regex(/^[\x21-\x7e]{1,64}$/, 'an id is 1–64 printable ASCII characters');

export const VoucherQrClaims = z.object({
  voucherId: ID,
  merchantId: ID,
  code: z.string().regex(/^\d{12}$/).refine(dammIsValid, { message: 'the code fails its check digit' }),
  /** Unix seconds; the token is refused from this second on. */
  expiresAt: z.int().min(1).max(0xffff_ffff),
  uses: z.int().min(1).max(0xffff),
});
export type VoucherQrClaims = z.infer<typeof VoucherQrClaims>;

export const QrKeyId = z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, 'a key id is 1–16 characters of [A-Za-z0-9_-]');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FLAG_VOUCHER_UUID = 1;
const FLAG_MERCHANT_UUID = 2;
const CODE_BYTES = 5;

function asciiBytes(text: string): number[] {
  return [...text].map((ch) => ch.charCodeAt(0));
}

function uuidBytes(uuid: string): number[] {
  const hex = uuid.replaceAll('-', '');
  return Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

function bigEndian(value: number, length: number): number[] {
  const out: number[] = [];
  let rest = value;
  for (let i = 0; i < length; i++) {
    out.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  }
  return out;
}

function idBytes(id: string): number[] {
  return UUID.test(id) ? uuidBytes(id) : [id.length, ...asciiBytes(id)];
}

export function encodeQrPayload(kid: string, claims: VoucherQrClaims): Uint8Array {
  const flags = (UUID.test(claims.voucherId) ? FLAG_VOUCHER_UUID : 0) | (UUID.test(claims.merchantId) ? FLAG_MERCHANT_UUID : 0);
  return new Uint8Array([
    flags,
    kid.length,
    ...asciiBytes(kid),
    ...idBytes(claims.voucherId),
    ...idBytes(claims.merchantId),
    ...bigEndian(Number(claims.code), CODE_BYTES),
    ...bigEndian(claims.expiresAt, 4),
    ...bigEndian(claims.uses, 2),
  ]);
}

class Reader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  take(length: number): Uint8Array | null {
    if (this.offset + length > this.bytes.length) return null;
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  number(length: number): number | null {
    const slice = this.take(length);
    return slice ? slice.reduce((acc, byte) => acc * 256 + byte, 0) : null;
  }

  ascii(length: number | null): string | null {
    if (length === null) return null;
    const slice = this.take(length);
    return slice ? String.fromCharCode(...slice) : null;
  }

  get done(): boolean {
    return this.offset === this.bytes.length;
  }
}

function readId(reader: Reader, isUuid: boolean): string | null {
  if (!isUuid) return reader.ascii(reader.number(1));
  const bytes = reader.take(16);
  if (!bytes) return null;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The kid and claims of a payload, or null when it is not exactly one well-formed payload. */
export function decodeQrPayload(bytes: Uint8Array): { kid: string; claims: VoucherQrClaims } | null {
  const reader = new Reader(bytes);
  const flags = reader.number(1);
  if (flags === null || (flags & ~(FLAG_VOUCHER_UUID | FLAG_MERCHANT_UUID)) !== 0) return null;
  const kid = reader.ascii(reader.number(1));
  const voucherId = readId(reader, (flags & FLAG_VOUCHER_UUID) !== 0);
  const merchantId = readId(reader, (flags & FLAG_MERCHANT_UUID) !== 0);
  const code = reader.number(CODE_BYTES);
  const expiresAt = reader.number(4);
  const uses = reader.number(2);
  if (!reader.done || kid === null || code === null) return null;
  if (!QrKeyId.safeParse(kid).success) return null;
  const parsed = VoucherQrClaims.safeParse({
    voucherId,
    merchantId,
    code: String(code).padStart(12, '0'),
    expiresAt,
    uses,
  });
  if (!parsed.success) return null;
  // A UUID-shaped id must travel in its 16-byte form, so each token has one encoding.
  if ((flags & FLAG_VOUCHER_UUID) === 0 && UUID.test(parsed.data.voucherId)) return null;
  if ((flags & FLAG_MERCHANT_UUID) === 0 && UUID.test(parsed.data.merchantId)) return null;
  return { kid, claims: parsed.data };
}
