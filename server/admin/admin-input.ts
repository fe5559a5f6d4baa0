/** The first line of standard input (a password piped in with `--password -`). */
export async function readStdinLine(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

export interface Asker {
  /** Asks on the terminal; a hidden answer (a password) is not echoed. Rejects on Ctrl+C or Ctrl+D. */
  ask(question: string, hidden?: boolean): Promise<string>;
  close(): void;
}

const ENTER = new Set(['\r', '\n']);
const CANCEL = new Set(['\u0003', '\u0004']);
const BACKSPACE = new Set(['\u007f', '\b']);

/**
 * Questions on a terminal in raw mode, echoing what is typed unless it is a password (readline
 * cannot hide input). One reader for all questions, so answers typed ahead are kept.
 */
export function terminalAsker(stdin: NodeJS.ReadStream = process.stdin, out: NodeJS.WriteStream = process.stdout): Asker {
  let buffer: string[] = [];
  let wake: (() => void) | null = null;
  const onData = (chunk: string) => {
    buffer.push(...Array.from(chunk));
    wake?.();
  };
  stdin.setEncoding('utf8');
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();

  async function nextChar(): Promise<string> {
    while (buffer.length === 0) await new Promise<void>((done) => (wake = done));
    wake = null;
    const [ch = ''] = buffer;
    buffer = buffer.slice(1);
    return ch;
  }

  return {
    async ask(question, hidden = false) {
      out.write(question);
      let answer: string[] = [];
      for (;;) {
        const ch = await nextChar();
        if (ENTER.has(ch)) break;
        if (CANCEL.has(ch)) {
          out.write('\n');
          throw new Error('cancelled');
        }
        if (BACKSPACE.has(ch)) {
          if (answer.length > 0 && !hidden) out.write('\b \b');
          answer = answer.slice(0, -1);
        } else if (ch >= ' ') {
          answer.push(ch);
          if (!hidden) out.write(ch);
        }
      }
      out.write('\n');
      return answer.join('');
    },
    close: () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    },
  };
}
