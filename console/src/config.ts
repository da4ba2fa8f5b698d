import { t } from './i18n';

/** Where the console finds its API and how staff sign in: served beside the app as /config.json. */
export type ConsoleConfig = (
  | { mode: 'local'; apiUrl: string }
  | { mode: 'cognito'; apiUrl: string; cognitoDomain: string; clientId: string; redirectUri: string }
) & {
  /** The IANA time zone times are shown in (the hotline's hours' zone); America/New_York without it. */
  timeZone?: string;
};

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(t('page.noConfig'));
  return (await response.json()) as ConsoleConfig;
}
