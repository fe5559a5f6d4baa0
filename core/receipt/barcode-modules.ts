import type { BarcodeBlock } from './document';

/**
 * The bars of a receipt barcode, one boolean per module (true = black), as the printer draws it
 * from `GS k` (drivers/escpos/barcode.ts): EAN-13, EAN-8 and UPC-A with their check digit
 * (computed when left out, checked when given) and Code 128 in code set B. Empty when the data
 * does not fit the symbology. Drawn here because @zxing/library 0.21 — the newest whose engines
 * accept Node 20.19 — has no one-dimensional writers.
 */
export function barcodeModules(symbology: BarcodeBlock['symbology'] | string, data: string): boolean[] {
  switch (symbology) {
    case 'EAN13':
      return ean(data, 13);
    case 'EAN8':
      return ean(data, 8);
    case 'UPCA':
      // UPC-A is EAN-13 with a leading zero, drawn the same.
      return /^\d{11,12}$/.test(data) ? ean(`0${data}`, 13) : [];
    case 'CODE128':
      return code128B(data);
    default:
      return [];
  }
}

const L_CODES = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const R_CODES = L_CODES.map((code) => [...code].map((b) => (b === '1' ? '0' : '1')).join(''));
const G_CODES = R_CODES.map((code) => [...code].reverse().join(''));
/** Which left-half digits of an EAN-13 use G codes, chosen by its first digit. */
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

/** The GS1 check digit of the digits before it: weights 3 and 1 from the right. */
export function gs1CheckDigit(body: string): number {
  const sum = [...body].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10;
}

function ean(data: string, length: 8 | 13): boolean[] {
  if (!new RegExp(`^\\d{${length - 1},${length}}$`).test(data)) return [];
  const body = data.slice(0, length - 1);
  const check = gs1CheckDigit(body);
  if (data.length === length && Number(data[length - 1]) !== check) return [];
  const digits = [...`${body}${check}`].map(Number);
  const half = length === 13 ? digits.slice(1, 7) : digits.slice(0, 4);
  const right = length === 13 ? digits.slice(7) : digits.slice(4);
  const parity = length === 13 ? PARITY[digits[0]!]! : 'LLLL';
  const left = half.map((d, i) => (parity[i] === 'G' ? G_CODES[d]! : L_CODES[d]!)).join('');
  return bits(`101${left}01010${right.map((d) => R_CODES[d]!).join('')}101`);
}

/** Bar and space widths of Code 128 symbol values 0–106 (106 is the stop, with its final bar). */
const CODE128 = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213', '221312', '231212',
  '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132', '221231', '213212', '223112', '312131',
  '311222', '321122', '321221', '312212', '322112', '322211', '212123', '212321', '232121', '111323', '131123', '131321',
  '112313', '132113', '132311', '211313', '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121',
  '313121', '211331', '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214', '112412', '122114',
  '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111', '111242', '121142', '121241', '114212',
  '124112', '124211', '411212', '421112', '421211', '212141', '214121', '412121', '111143', '111341', '131141', '114113',
  '114311', '411113', '411311', '113141', '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];
const START_B = 104;
const STOP = 106;

function code128B(data: string): boolean[] {
  if (!/^[\x20-\x7e]{1,60}$/.test(data)) return [];
  const values = [...data].map((ch) => ch.charCodeAt(0) - 32);
  const check = values.reduce((sum, value, i) => sum + value * (i + 1), START_B) % 103;
  const symbols = [START_B, ...values, check, STOP];
  const modules: boolean[] = [];
  for (const symbol of symbols) {
    [...CODE128[symbol]!].forEach((width, i) => {
      for (let n = 0; n < Number(width); n++) modules.push(i % 2 === 0);
    });
  }
  return modules;
}

function bits(pattern: string): boolean[] {
  return [...pattern].map((b) => b === '1');
}
