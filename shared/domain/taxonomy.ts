import * as z from './schema';

/** What a contact is about. Every intake has exactly one. */
export const CATEGORIES = ['detainee', 'tip', 'victim'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CategorySchema = /* @__PURE__ */ z.enum(CATEGORIES);

/** The languages the hotline speaks. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LanguageSchema = /* @__PURE__ */ z.enum(LANGUAGES);

/** How the contact reached us. */
export const CHANNELS = ['voice', 'sms', 'console'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ChannelSchema = /* @__PURE__ */ z.enum(CHANNELS);
