import * as z from 'zod';
import { HoursByCategorySchema, type HoursByCategory } from '../../domain/hours';
import { readEnvironment } from './function-environment';

const HoursEnvironment = () =>
  z.object({
    HOURS: z.string().transform((text, ctx) => {
      try {
        return HoursByCategorySchema.parse(JSON.parse(text));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `not the hours of every category as JSON (${(error as Error).message})` });
        return z.NEVER;
      }
    }),
  });

export function hoursFromEnvironment(env: NodeJS.ProcessEnv = process.env): HoursByCategory {
  return readEnvironment(HoursEnvironment, env).HOURS;
}
