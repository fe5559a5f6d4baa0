import type { Result } from '../../core/result';
import { RedemptionRecord, VoucherPreview, type RedeemRequest } from '../../core/redemption-api';
import type { ApiErrorCode } from '../shared/api/api-error';
import { createHttpClient, type HttpClientOptions } from '../shared/api/http-client';
import { HealthResponse, PairResponse, TerminalIdentity } from './terminal-schemas';

type ApiResult<T> = Promise<Result<T, ApiErrorCode>>;

/** The server's `/api/v1` endpoints the POS uses, typed by the shared wire contract. */
export interface PosServerApi {
  pair(pairingCode: string): ApiResult<PairResponse>;
  me(): ApiResult<TerminalIdentity>;
  health(): ApiResult<unknown>;
  prepare(code: string): ApiResult<VoucherPreview>;
  redeem(request: RedeemRequest): ApiResult<RedemptionRecord>;
  redemption(redemptionId: string): ApiResult<RedemptionRecord>;
}

export function createPosServerApi(options: HttpClientOptions): PosServerApi {
  const request = createHttpClient(options);
  return {
    pair: (pairingCode) => request({ method: 'POST', path: '/terminals/pair', body: { pairingCode }, schema: PairResponse }),
    me: () => request({ method: 'GET', path: '/terminals/me', schema: TerminalIdentity }),
    health: () => request({ method: 'GET', path: '/health', schema: HealthResponse }),
    prepare: (code) => request({ method: 'POST', path: '/vouchers/prepare', body: { code }, schema: VoucherPreview }),
    redeem: (body) => request({ method: 'POST', path: '/vouchers/redeem', body, schema: RedemptionRecord }),
    redemption: (redemptionId) =>
      request({ method: 'GET', path: `/redemptions/${encodeURIComponent(redemptionId)}`, schema: RedemptionRecord }),
  };
}
