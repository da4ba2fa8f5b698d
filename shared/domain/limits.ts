/**
 * Limits staff meet while typing, in a module with no imports: the console shows them as the
 * staff member types, and importing them does not bring zod into its bundle.
 */
export const NOTE_MAX_LENGTH = 4000;
