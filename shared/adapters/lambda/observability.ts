import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DomainError } from '../../domain/errors';

/**
 * A function's logger and metrics. Service name, namespace and level come from the POWERTOOLS_*
 * environment in Lambda; locally they are passed in (logs silent unless asked for).
 */
export function observability(options: { serviceName?: string; logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' } = {}) {
  return {
    logger: new Logger({ ...(options.serviceName ? { serviceName: options.serviceName } : {}), ...(options.logLevel ? { logLevel: options.logLevel } : {}) }),
    metrics: new Metrics({ ...(options.serviceName ? { serviceName: options.serviceName } : {}), namespace: 'Enlace' }),
  };
}

/** Service errors can quote an address or a number (SES names unverified identities): never log them. */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** Digits with the separators of a written number; it is one when it has 10 digits or more (a date has 8). */
const NUMBER = /\+?\d[\d\s().-]{6,}\d/g;
const redact = (text: string) => text.replace(EMAIL, '[email]').replace(NUMBER, (match) => (match.replace(/\D/g, '').length >= 10 ? '[number]' : match));

/**
 * What may be logged about an error. Domain errors name fields, never values; anything else is
 * reduced to its name and message, with addresses and numbers taken out, never the input.
 */
export function loggableError(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof DomainError) return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) return { name: error.name, message: redact(error.message) };
  return { name: 'NonError', message: typeof error };
}
