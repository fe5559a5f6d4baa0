import { decodeBase64url } from '../../core/base64url';
import { fail, ok, type Result } from '../../core/result';
import { parsePinVerifier, type ManagerPinRow, type VoucherReverseV1 } from '../../core/sync';

export type ManagerApproval = NonNullable<VoucherReverseV1['approval']>;
export type PinFailure = 'MANAGER_PIN_INVALID' | 'MANAGER_APPROVAL_UNAVAILABLE' | 'PIN_PROMPT_LOCKED';

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Whether `pin` matches one manager's verifier (`core/sync/manager-pin.ts`). */
export async function pinMatches(pin: string, verifier: string): Promise<boolean> {
  const parts = parsePinVerifier(verifier);
  const salt = parts && decodeBase64url(parts.salt);
  const hash = parts && decodeBase64url(parts.hash);
  if (!parts || !salt || !hash) return false;
  return sameBytes(await derive(pin, salt, parts.iterations), hash);
}

/**
 * Checks a PIN typed at the counter against the managers the store policy lists. A few wrong
 * PINs in a row lock the prompt for a while: a PIN is short and the terminal is in public.
 */
export class ManagerPinGate {
  private misses = 0;
  private lockedUntil = 0;

  constructor(
    private maxMisses = 5,
    private lockoutMs = 60_000,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** The merchant's lockout rule, as synced (counter settings). */
  setLimits(maxMisses: number, lockoutMs: number): void {
    this.maxMisses = maxMisses;
    this.lockoutMs = lockoutMs;
  }

  async approve(managers: readonly ManagerPinRow[] | undefined, pin: string): Promise<Result<ManagerApproval, PinFailure>> {
    if (!managers || managers.length === 0) return fail('MANAGER_APPROVAL_UNAVAILABLE', 'no manager can approve offline here');
    if (this.clock() < this.lockedUntil) return fail('PIN_PROMPT_LOCKED', 'too many wrong PINs; PIN entry is paused');
    for (const manager of managers) {
      if (await pinMatches(pin, manager.pinVerifier)) {
        this.misses = 0;
        this.lockedUntil = 0;
        return ok({ managerId: manager.managerId, approvedAt: new Date(this.clock()).toISOString() });
      }
    }
    this.misses += 1;
    if (this.misses >= this.maxMisses) {
      this.misses = 0;
      this.lockedUntil = this.clock() + this.lockoutMs;
    }
    return fail('MANAGER_PIN_INVALID', 'wrong manager PIN');
  }
}
