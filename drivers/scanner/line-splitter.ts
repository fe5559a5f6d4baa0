export interface IgnoredInput {
  reason: 'over-long line' | 'non-printable bytes' | 'repeat within debounce window';
  /** At most 16 characters of what was dropped, with control bytes escaped. */
  preview: string;
}

export interface SplitResult {
  lines: string[];
  ignored: IgnoredInput[];
}

/**
 * Cuts scanner bytes into values on CR, LF or CRLF (a CRLF split across two reads is one break),
 * trims them and drops lines that are too long or carry bytes a barcode cannot contain.
 */
export class LineSplitter {
  private buffer = '';
  private overflow = false;
  private skipLf = false;

  constructor(private readonly maxLength = 256) {}

  push(chunk: Uint8Array): SplitResult {
    const result: SplitResult = { lines: [], ignored: [] };
    let text = Buffer.from(chunk).toString('latin1');
    if (this.skipLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLf = false;
    const parts = text.split(/\r\n|\r|\n/);
    const endsWithCr = text.endsWith('\r');
    for (let i = 0; i < parts.length; i++) {
      this.append(parts[i]!);
      if (i < parts.length - 1) this.finishLine(result);
    }
    if (endsWithCr) this.skipLf = true;
    return result;
  }

  private append(part: string): void {
    if (this.overflow) return;
    this.buffer += part;
    if (this.buffer.length > this.maxLength) this.overflow = true;
  }

  private finishLine(result: SplitResult): void {
    const line = this.buffer.trim();
    if (this.overflow) result.ignored.push({ reason: 'over-long line', preview: preview(this.buffer) });
    else if (/[^\x20-\x7e]/.test(line)) result.ignored.push({ reason: 'non-printable bytes', preview: preview(line) });
    else if (line.length > 0) result.lines.push(line);
    this.buffer = '';
    this.overflow = false;
  }
}

function preview(text: string): string {
  return JSON.stringify(text.slice(0, 16)).slice(1, -1);
}
