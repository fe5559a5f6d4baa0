import { z } from 'zod';
import { fail, ok } from '../../core/result';
import { parseJson } from './http-call';
import type { DeliveryCallbackRequest, DeliveryCallbackResult, DeliveryReport } from './provider';
import { providerStampToIso } from './provider-time';

const AliyunReport = z.object({
  biz_id: z.string().min(1),
  success: z.boolean(),
  err_code: z.string(),
  report_time: z.string(),
  phone_number: z.string().optional(),
  out_id: z.string().optional(),
});

/** Aliyun SmsReport "HTTP batch push": a JSON array of reports, answered with `{code: 0}`. */
export function parseAliyunDeliveryReports(request: DeliveryCallbackRequest): DeliveryCallbackResult {
  const parsed = z.array(AliyunReport).min(1).safeParse(parseJson(request.rawBody));
  if (!parsed.success) return fail('VALIDATION_FAILED', 'not an Aliyun SmsReport batch');
  const reports: DeliveryReport[] = [];
  for (const report of parsed.data) {
    const at = providerStampToIso(report.report_time);
    if (!at) return fail('VALIDATION_FAILED', `bad report_time: ${report.report_time}`);
    reports.push({
      providerMessageId: report.biz_id,
      state: report.success ? 'delivered' : 'failed',
      at,
      providerStatus: report.err_code,
    });
  }
  return ok({ reports, ack: { status: 200, body: { code: 0, msg: '接收成功' } } });
}
