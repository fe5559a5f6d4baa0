import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Change, OutboxEntry, PullResponse, PushResponse, VoucherRedeemV1, VoucherReverseV1 } from '../../../../core/sync';
import type { RunningServer } from '../../../../server/server';
import type { ApiClient, ApiResponse } from '../../../support/server/api-client';
import { pairedClient } from '../../../support/server/world';

export interface RedeemOptions {
  count?: number;
  basis?: VoucherRedeemV1['basis'];
  leaseId?: string | null;
  redemptionId?: string;
  deviceTime?: string;
  qrToken?: string;
  approval?: VoucherRedeemV1['approval'];
  cashierId?: string;
}

/**
 * A terminal as the sync protocol sees it: a paired token, a gapless outbox sequence, push and
 * pull over real HTTP. Entries are built here and sent as the test chooses (resent, reordered…).
 */
export class SyncTerminal {
  private nextSeq = 1;

  constructor(
    readonly client: ApiClient,
    readonly terminalId: string,
  ) {}

  static async pair(server: RunningServer, terminalId: string): Promise<SyncTerminal> {
    return new SyncTerminal(await pairedClient(server, terminalId), terminalId);
  }

  entry(intent: string, args: unknown, deviceTime = new Date().toISOString()): OutboxEntry {
    return { seq: this.nextSeq++, clientId: uuidv7(), intent, args, deviceTime };
  }

  redeem(code: string | undefined, options: RedeemOptions = {}): OutboxEntry & { args: VoucherRedeemV1 } {
    const args: VoucherRedeemV1 = {
      redemptionId: options.redemptionId ?? randomUUID(),
      ...(code === undefined ? {} : { code }),
      ...(options.qrToken === undefined ? {} : { qrToken: options.qrToken }),
      count: options.count ?? 1,
      cashierId: options.cashierId ?? 'cashier-1',
      basis: options.basis ?? 'provisional',
      leaseId: options.leaseId ?? null,
      approval: options.approval ?? null,
    };
    return this.entry('voucher.redeem@1', args, options.deviceTime) as OutboxEntry & { args: VoucherRedeemV1 };
  }

  reverse(redemptionId: string, managerId: string, deviceTime?: string): OutboxEntry & { args: VoucherReverseV1 } {
    const at = deviceTime ?? new Date().toISOString();
    const args: VoucherReverseV1 = { reversalId: randomUUID(), redemptionId, reason: '顾客退单', approval: { managerId, approvedAt: at } };
    return this.entry('voucher.reverse@1', args, at) as OutboxEntry & { args: VoucherReverseV1 };
  }

  push(entries: OutboxEntry[], extra: Record<string, unknown> = {}): Promise<ApiResponse<PushResponse>> {
    return this.client.post<PushResponse>('/sync/push', { deviceId: this.terminalId, entries, ...extra });
  }

  /** Pushes and insists on a 200. */
  async pushOk(entries: OutboxEntry[], extra: Record<string, unknown> = {}): Promise<PushResponse> {
    const res = await this.push(entries, extra);
    if (res.status !== 200) throw new Error(`push answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  pull(cursor?: string, limit = 1000): Promise<ApiResponse<PullResponse>> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    return this.client.get<PullResponse>(`/sync/pull?${query}`);
  }

  /** Pulls until nothing more waits; returns every page and the final cursor. */
  async pullAll(cursor?: string, limit = 1000): Promise<{ pages: PullResponse[]; changes: Change[]; cursor: string }> {
    const pages: PullResponse[] = [];
    let at = cursor;
    for (let i = 0; i < 1000; i++) {
      const res = await this.pull(at, limit);
      if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${JSON.stringify(res.body)}`);
      pages.push(res.body);
      at = res.body.cursor;
      if (!res.body.hasMore || res.body.reset) break;
    }
    return { pages, changes: pages.flatMap((p) => p.changes), cursor: at ?? '' };
  }
}
