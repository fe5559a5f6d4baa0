/**
 * The answering half of a thermal printer, for tests: replies to `DLE EOT n`, `GS r 1` and,
 * after `GS a`, pushes Automatic Status Back blocks. It stands in for the one part that cannot
 * run here (the printer's firmware); the bytes still travel over real sockets and ptys.
 */
export interface SimulatedState {
  paper: 'ok' | 'nearEnd' | 'end';
  coverOpen: boolean;
}

export class PrinterSimulator {
  readonly state: SimulatedState = { paper: 'ok', coverOpen: false };
  /** Runs out of paper once this many cuts were received (null: never). */
  paperOutAfterCuts: number | null = null;
  cuts = 0;
  private asb = false;
  private heldConfirmations = 0;
  private tail = Buffer.alloc(0);

  constructor(private readonly send: (bytes: Buffer) => void) {}

  receive(chunk: Buffer): void {
    const data = Buffer.concat([this.tail, chunk]);
    let i = 0;
    for (; i < data.length; i++) {
      if (i + 2 >= data.length && (data[i] === 0x10 || data[i] === 0x1d)) break;
      const [a, b, c] = [data[i], data[i + 1], data[i + 2]];
      if (a === 0x10 && b === 0x04 && c !== undefined && c >= 1 && c <= 4) {
        this.send(Buffer.from([this.statusByte(c)]));
        i += 2;
      } else if (a === 0x1d && b === 0x61) {
        this.asb = c !== 0;
        if (this.asb) this.pushAsb();
        i += 2;
      } else if (a === 0x1d && b === 0x72 && c === 0x01) {
        if (this.printerStopped()) this.heldConfirmations++;
        else this.send(Buffer.from([this.paperByte()]));
        i += 2;
      } else if (a === 0x1d && b === 0x56) {
        this.cuts++;
        if (this.paperOutAfterCuts !== null && this.cuts >= this.paperOutAfterCuts) this.set({ paper: 'end' });
      }
    }
    this.tail = data.subarray(i);
  }

  set(change: Partial<SimulatedState>): void {
    Object.assign(this.state, change);
    if (this.asb) this.pushAsb();
    if (!this.printerStopped()) {
      for (; this.heldConfirmations > 0; this.heldConfirmations--) this.send(Buffer.from([this.paperByte()]));
    }
  }

  private printerStopped(): boolean {
    return this.state.paper === 'end' || this.state.coverOpen;
  }

  private paperByte(): number {
    return (this.state.paper === 'nearEnd' ? 0x03 : 0) | (this.state.paper === 'end' ? 0x0c : 0);
  }

  private statusByte(n: number): number {
    const base = 0x12;
    const end = this.state.paper === 'end';
    if (n === 1) return base | (this.printerStopped() ? 0x08 : 0);
    if (n === 2) return base | (this.state.coverOpen ? 0x04 : 0) | (end ? 0x20 : 0);
    if (n === 4) return base | (this.state.paper === 'nearEnd' ? 0x0c : 0) | (end ? 0x60 : 0);
    return base;
  }

  private pushAsb(): void {
    const first = 0x10 | (this.printerStopped() ? 0x08 : 0) | (this.state.coverOpen ? 0x20 : 0);
    this.send(Buffer.from([first, 0x00, this.paperByte(), 0x00]));
  }
}
