import * as z from '../../domain/schema';
import { HoursByCategorySchema, type HoursByCategory } from '../../domain/hours';
import { readEnvironment } from './function-environment';

const HoursEnvironment = () =>
  z.object({
    HOURS: z.pipe(
      z.string(),
      z.transform((text, ctx) => {
        try {
          return HoursByCategorySchema.parse(JSON.parse(text));
        } catch (error) {
          ctx.issues.push({ code: 'custom', message: `not the hours of every category as JSON (${(error as Error).message})`, input: text });
          return z.NEVER;
        }
      }),
    ),
  });

export function hoursFromEnvironment(env: NodeJS.ProcessEnv = process.env): HoursByCategory {
  return readEnvironment(HoursEnvironment, env).HOURS;
}
