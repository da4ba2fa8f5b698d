/**
 * How a number is shown unless someone with the right asks to see it: its last four digits
 * (`•••-•••-0188`). Its own module, so the console shows it without the phone parser.
 */
export function maskPhone(last4: string): string {
  return `•••-•••-${last4}`;
}
