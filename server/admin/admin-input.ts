import { createInterface } from 'node:readline/promises';

/** The first line of standard input (a password piped in with `--password -`). */
export async function readStdinLine(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** Asks on the terminal; a hidden answer (a password) is not echoed. */
export async function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    // readline has no muted mode: echo the prompt only, never what is typed.
    const writable = rl as unknown as { _writeToOutput: (text: string) => void };
    writable._writeToOutput = (text) => {
      if (text.includes(question)) process.stdout.write(question);
    };
  }
  try {
    const answer = await rl.question(question);
    if (hidden) process.stdout.write('\n');
    return answer;
  } finally {
    rl.close();
  }
}
