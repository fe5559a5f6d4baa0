import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * The flash-sale buyers, forked as their own process so they do not share the server's event
 * loop: each buyer reserves one unit, then the channel posts its signed `order.paid`. Loopback only.
 */

export interface FlashSalePlan {
  url: string;
  campaignId: string;
  merchantId: string;
  channelSecret: string;
  buyers: number;
  concurrency: number;
}

export interface FlashSaleResult {
  reserved: number;
  paid: number;
  refused: Record<string, number>;
  elapsedMs: number;
  /** CPU the buyers themselves used (user + system), so the server's share can be told apart. */
  cpuMs: number;
}

async function run(plan: FlashSalePlan): Promise<FlashSaleResult> {
  const base = new URL(plan.url);
  if (base.hostname !== '127.0.0.1' && base.hostname !== 'localhost') throw new Error('load only against loopback');
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        new URL(path, base),
        { agent, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const result: FlashSaleResult = { reserved: 0, paid: 0, refused: {}, elapsedMs: 0, cpuMs: 0 };
  const refuse = (step: string, res: { status: number; text: string }) => {
    const key = `${step} ${res.status} ${res.text.slice(0, 60)}`;
    result.refused[key] = (result.refused[key] ?? 0) + 1;
  };
  let next = 0;
  const buyer = async () => {
    while (next < plan.buyers) {
      const n = next++;
      const phone = `139${String(n).padStart(8, '0')}`;
      const reserved = await post(`/api/v1/flash-sales/${plan.campaignId}/orders`, JSON.stringify({ phone, quantity: 1, handle: `fan_${n}` }));
      if (reserved.status !== 201) {
        refuse('reserve', reserved);
        continue;
      }
      result.reserved++;
      const { orderId } = JSON.parse(reserved.text) as { orderId: string };
      const body = JSON.stringify({
        eventId: `pay-${n}`,
        type: 'order.paid',
        order: { orderId, externalOrderId: `wx-${n}`, campaignId: plan.campaignId, phone, quantity: 1 },
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = `v1=${createHmac('sha256', plan.channelSecret).update(`${timestamp}.${body}`).digest('hex')}`;
      const paid = await post('/api/v1/channels/douyin/events', body, {
        'x-hexiao-merchant': plan.merchantId,
        'x-hexiao-timestamp': String(timestamp),
        'x-hexiao-signature': signature,
      });
      if (paid.status === 200) result.paid++;
      else refuse('pay', paid);
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: plan.concurrency }, buyer));
  result.elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  result.cpuMs = (used.user + used.system) / 1000;
  agent.destroy();
  return result;
}

process.once('message', (plan: FlashSalePlan) => {
  run(plan).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
