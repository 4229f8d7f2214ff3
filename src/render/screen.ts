/**
 * The watch screen (pure): a whole terminal frame as one string, drawn over the previous one in
 * place. The frame starts at the cursor home, every line ends with "clear to end of line" and the
 * frame with "clear to end of screen", so nothing flickers and nothing scrolls; lines are cut to
 * the terminal width and the table to its height (the last line then says how many are hidden).
 * The first frame switches to the terminal's alternate screen and hides the cursor; `LEAVE_SCREEN`
 * undoes both (the entry writes it on Ctrl+C, so the shell gets its screen back).
 */
import type { ChangeKind } from '../model/change.js';
import type { Paint } from './paint.js';
import type { GutterMarks } from './styles/style.js';

/** Alternate screen on, cursor hidden. */
export const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l';
/** Cursor shown, alternate screen off (the terminal as it was). */
export const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';

const HOME = '\x1b[H';
const CLEAR_EOL = '\x1b[K';
const CLEAR_EOS = '\x1b[J';
const RESET = '\x1b[0m';

export interface ScreenLine {
  text: string;
  /** Watch marks: `new` highlighted, `closed` dimmed, `changed` marked. */
  mark?: ChangeKind | undefined;
}

export interface ScreenOptions {
  columns: number;
  rows: number;
  /** The first frame also enters the alternate screen. */
  first: boolean;
  paint: Paint;
  eol: string;
  /** A two-column gutter for the marks (`+`, `-`, `~`) before each line. */
  gutter: boolean;
  /** The style's gutter marks (`Style.gutter`; default `WATCH_GUTTER`). */
  marks?: GutterMarks | undefined;
}

/**
 * The first `width` visible characters of `text`; escape sequences (`ESC [ … final`) are kept
 * but not counted, and a cut line ends with a reset so no colour leaks into the next.
 */
export function cutVisible(text: string, width: number): string {
  let visible = 0;
  let styled = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x1b && text.charCodeAt(i + 1) === 0x5b) {
      styled = true;
      let j = i + 2;
      while (j < text.length && !(text.charCodeAt(j) >= 0x40 && text.charCodeAt(j) <= 0x7e)) j++;
      i = j;
      continue;
    }
    if (visible === width) return text.slice(0, i) + (styled ? RESET : '');
    visible++;
  }
  return text;
}

/** The gutter of the built-in styles: `+ ` new, `- ` closed, `~ ` changed, blank otherwise. */
export const WATCH_GUTTER: GutterMarks = { new: '+ ', closed: '- ', changed: '~ ', none: '  ' };

function decorate(l: ScreenLine, o: ScreenOptions, width: number): string {
  const p = o.paint;
  const marks = o.marks ?? WATCH_GUTTER;
  const gutter = o.gutter ? marks[l.mark ?? 'none'] : '';
  const text = cutVisible(l.text, width - gutter.length);
  switch (l.mark) {
    case 'new':
      return p.added(gutter) + p.bold(text);
    case 'closed':
      return p.removed(gutter) + p.dim(text);
    case 'changed':
      return p.changed(gutter) + text;
    default:
      return gutter + text;
  }
}

/** One frame: the status line, then as many lines as fit. */
export function renderScreen(status: string, lines: readonly ScreenLine[], o: ScreenOptions): string {
  // Stay one column short of the edge (a full line leaves the cursor in the "pending wrap" state)
  // and one row short of the bottom (the cursor's row), so the terminal never scrolls.
  const width = Math.max(1, o.columns - 1);
  const room = Math.max(0, o.rows - 2);
  let out = (o.first ? ENTER_SCREEN : '') + HOME;
  const bar = cutVisible(status, width);
  out += o.paint.title(bar + ' '.repeat(Math.max(0, width - bar.length))) + CLEAR_EOL + o.eol;
  const shown = lines.length > room ? Math.max(0, room - 1) : lines.length;
  for (let i = 0; i < shown; i++) out += decorate(lines[i] as ScreenLine, o, width) + CLEAR_EOL + o.eol;
  if (shown < lines.length && room > 0) {
    const hidden = lines.slice(shown);
    const marked = hidden.filter((l) => l.mark).length;
    const more = `… ${hidden.length} more line${hidden.length === 1 ? '' : 's'}${marked ? ` (${marked} marked)` : ''}`;
    out += o.paint.dim(cutVisible(more, width)) + CLEAR_EOL + o.eol;
  }
  return out + CLEAR_EOS;
}
