/**
 * Escaping of text that came from the system (process names, unix paths, host names) before
 * it reaches a terminal: a process can name itself `\e[2J`. Pure.
 */

// C0 controls, DEL, C1 controls, and Unicode bidi/isolate overrides that can reorder a line.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** Replace control characters with visible escapes: ESC → `\e`, newline → `\n`, others → `\xNN` / `\u202E`. */
export function escapeControl(text: string): string {
  if (!UNSAFE.test(text)) return text;
  UNSAFE.lastIndex = 0;
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}
