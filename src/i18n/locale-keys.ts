// Compile-time only (nothing imports it): `tsc` fails, naming the keys, when Spanish and Quechua
// do not hold the same strings. With resources.d.ts, which types `t('…')` from the Spanish
// files, a key used in code has text in both languages. locales.test.ts checks the rest (no
// Spanish left in Quechua, the same {{placeholders}}).
import type esCommon from '../../locales/es/common.json';
import type esScreens from '../../locales/es/screens.json';
import type quCommon from '../../locales/qu/common.json';
import type quScreens from '../../locales/qu/screens.json';

/** Every string's dotted key. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Keys one file has and the other lacks. */
type Mismatch<A, B> = Exclude<Leaves<A>, Leaves<B>> | Exclude<Leaves<B>, Leaves<A>>;

// An object that must have a property per mismatched key: `{}` compiles only when there is none.
export const commonKeysMatch: Record<Mismatch<typeof esCommon, typeof quCommon>, never> = {};
export const screensKeysMatch: Record<Mismatch<typeof esScreens, typeof quScreens>, never> = {};
