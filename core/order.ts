// The one string order every answer is sorted by: UTF-16 code units, locale-independent, so both
// stores (and the explorer) sort alike whatever the machine's locale.
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
