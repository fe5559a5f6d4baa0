// Damm's totally anti-symmetric quasigroup of order 10: one check digit catches every
// single-digit error and every adjacent transposition.
const TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function interim(digits: string): number {
  let state = 0;
  for (const ch of digits) {
    const d = ch.charCodeAt(0) - 48;
    if (d < 0 || d > 9) throw new RangeError(`not a digit: ${ch}`);
    state = TABLE[state]![d]!;
  }
  return state;
}

/** The digit to append to `digits` so that the whole string validates. */
export function dammCheckDigit(digits: string): number {
  return interim(digits);
}

export function dammIsValid(digitsWithCheck: string): boolean {
  return /^\d+$/.test(digitsWithCheck) && interim(digitsWithCheck) === 0;
}
