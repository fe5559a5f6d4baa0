import type { Db } from '../../../server/db/database';
import {
  createCampaign,
  createMerchant,
  createStore,
  createTerminal,
  issueVouchers,
  type IssueOptions,
} from '../../../server/repositories/merchant-setup';
import { mintPairingCode } from '../../../server/repositories/pairing-repository';
import { startServer, type RunningServer } from '../../../server/server';
import { ApiClient } from './api-client';
import { createBackend, type BackendKind } from './backends';

const DAY = 86_400_000;

/**
 * Two merchants set up through the server's own setup functions. Merchant "main" has stores A and
 * B with a campaign valid at both (2 uses) and one valid at A only (1 use); "other" has its own.
 */
export async function buildWorld(db: Db, now = new Date()) {
  const validFrom = new Date(now.getTime() - DAY);
  const validUntil = new Date(now.getTime() + 30 * DAY);
  const merchant = await createMerchant(db, { name: '测试商户' });
  const storeA = await createStore(db, merchant.id, 'A 店');
  const storeB = await createStore(db, merchant.id, 'B 店');
  const terminalA1 = await createTerminal(db, merchant.id, storeA.id, 'A1');
  const terminalA2 = await createTerminal(db, merchant.id, storeA.id, 'A2');
  const terminalB1 = await createTerminal(db, merchant.id, storeB.id, 'B1');
  const bothStores = await createCampaign(db, merchant.id, {
    kind: 'product',
    title: '双人套餐',
    priceFen: 9900,
    faceValueFen: 16800,
    usesPerVoucher: 2,
    validFrom,
    validUntil,
    storeIds: [storeA.id, storeB.id],
  });
  const storeAOnly = await createCampaign(db, merchant.id, {
    kind: 'cash',
    title: '50元代金券',
    priceFen: 5000,
    faceValueFen: 5000,
    usesPerVoucher: 1,
    validFrom,
    validUntil,
    storeIds: [storeA.id],
  });

  const other = await createMerchant(db, { name: '别家商户' });
  const otherStore = await createStore(db, other.id, '别家店');
  const otherTerminal = await createTerminal(db, other.id, otherStore.id, 'X1');
  const otherCampaign = await createCampaign(db, other.id, {
    kind: 'product',
    title: '别家套餐',
    priceFen: 100,
    faceValueFen: 200,
    usesPerVoucher: 1,
    validFrom,
    validUntil,
    storeIds: [otherStore.id],
  });

  const issue = async (campaign: typeof bothStores, options: Partial<IssueOptions> = {}) => {
    const owner = campaign === otherCampaign ? other.id : merchant.id;
    const [voucher] = await issueVouchers(db, owner, campaign, { count: 1, ...options });
    if (!voucher) throw new Error('no voucher issued');
    return voucher;
  };

  return {
    merchant,
    stores: { a: storeA, b: storeB },
    terminals: { a1: terminalA1, a2: terminalA2, b1: terminalB1 },
    campaigns: { bothStores, storeAOnly },
    other: { merchant: other, store: otherStore, terminal: otherTerminal, campaign: otherCampaign },
    issue,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** Pairs a terminal over HTTP with a freshly minted code and returns a client holding its token. */
export async function pairedClient(server: RunningServer, terminalId: string): Promise<ApiClient> {
  const { code } = await mintPairingCode(server.db, terminalId);
  const res = await new ApiClient(server).post<{ token: string }>('/terminals/pair', { pairingCode: code });
  if (res.status !== 200) throw new Error(`pairing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new ApiClient(server, res.body.token);
}

/** A server on a fresh backend with the world built and terminals A1, A2 and B1 paired, in that order. */
export async function startWorldServer(kind: BackendKind) {
  const backend = createBackend(kind);
  const server = await startServer({ ...backend.options, port: 0, demo: false, logLevel: 'silent' });
  const world = await buildWorld(server.db);
  const clients = [
    await pairedClient(server, world.terminals.a1.id),
    await pairedClient(server, world.terminals.a2.id),
    await pairedClient(server, world.terminals.b1.id),
  ];
  return { backend, server, world, clients };
}
