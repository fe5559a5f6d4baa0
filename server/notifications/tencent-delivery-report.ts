import { z } from 'zod';
import { fail, ok } from '../../core/result';
import { parseJson } from './http-call';
import type { DeliveryCallbackRequest, DeliveryCallbackResult, DeliveryReport } from './provider';
import { providerStampToIso } from './provider-time';

const TencentReport = z.object({
  sid: z.string().min(1),
  report_status: z.enum(['SUCCESS', 'FAIL']),
  errmsg: z.string(),
  user_receive_time: z.string(),
  nationcode: z.string().optional(),
  mobile: z.string().optional(),
});

/** Tencent SMS status callback: a JSON array of reports, answered with `{result: 0}`. */
export function parseTencentDeliveryReports(request: DeliveryCallbackRequest): DeliveryCallbackResult {
  const parsed = z.array(TencentReport).min(1).safeParse(parseJson(request.rawBody));
  if (!parsed.success) return fail('VALIDATION_FAILED', 'not a Tencent SMS status callback');
  const reports: DeliveryReport[] = [];
  for (const report of parsed.data) {
    const at = providerStampToIso(report.user_receive_time);
    if (!at) return fail('VALIDATION_FAILED', `bad user_receive_time: ${report.user_receive_time}`);
    reports.push({
      providerMessageId: report.sid,
      state: report.report_status === 'SUCCESS' ? 'delivered' : 'failed',
      at,
      providerStatus: report.errmsg,
    });
  }
  return ok({ reports, ack: { status: 200, body: { result: 0, errmsg: 'OK' } } });
}
