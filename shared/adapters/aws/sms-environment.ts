import { SNSClient } from '@aws-sdk/client-sns';
import * as z from '../../domain/schema';
import type { E164, HotlineNumbers } from '../../domain/phone';
import type { SmsSender } from '../../ports/sms-sender';
import { SnsSmsSender } from '../sns/sms-sender';
import { SDK_TIMEOUTS, readEnvironment } from './function-environment';

const SmsEnvironment = () =>
  z.object({
    /** The intake number in E.164: replies come from it. */
    ORIGINATION_NUMBER: z.string().check(z.regex(/^\+\d{8,15}$/, 'a number in E.164')),
  });

export function smsSenderFromEnvironment(env: NodeJS.ProcessEnv = process.env): SmsSender {
  return new SnsSmsSender(new SNSClient(SDK_TIMEOUTS), readEnvironment(SmsEnvironment, env).ORIGINATION_NUMBER);
}

const HotlineEnvironment = () =>
  z.extend(SmsEnvironment(), {
    /** The toll-free number callers dial, in E.164. */
    HOTLINE_NUMBER: z.string().check(z.regex(/^\+\d{8,15}$/, 'a number in E.164')),
  });

/** The numbers that reach the hotline, as notices say them. */
export function hotlineNumbersFromEnvironment(env: NodeJS.ProcessEnv = process.env): HotlineNumbers {
  const vars = readEnvironment(HotlineEnvironment, env);
  return { call: vars.HOTLINE_NUMBER as E164, text: vars.ORIGINATION_NUMBER as E164 };
}
