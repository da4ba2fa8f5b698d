/** Where the console finds its API and how staff sign in: served beside the app as /config.json. */
export type ConsoleConfig =
  | { mode: 'local'; apiUrl: string }
  | { mode: 'cognito'; apiUrl: string; cognitoDomain: string; clientId: string; redirectUri: string };

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error('The console has no configuration (config.json)');
  return (await response.json()) as ConsoleConfig;
}
