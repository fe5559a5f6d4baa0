/** `13812341234` → `138****1234`. Anything not phone-shaped keeps only its last four characters. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '');
  if (/^\+?\d{11,15}$/.test(digits)) {
    const local = digits.slice(-11);
    return `${local.slice(0, 3)}****${local.slice(-4)}`;
  }
  return digits.length <= 4 ? '****' : `****${digits.slice(-4)}`;
}
