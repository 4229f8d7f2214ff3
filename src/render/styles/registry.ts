/**
 * The one registry of output styles: `--style` name → style object. The CLI looks its style up
 * here once and passes the object down; the flag parser takes the accepted names from here.
 * Adding a style is one folder (`render/<name>/index.ts` exporting a `Style`) plus one line in
 * `BUILTIN_STYLES` (and its name in `StyleName`, which makes the compiler ask for that line).
 */
import type { StyleName } from '../../model/query.js';
import { linuxStyle } from '../linux/index.js';
import { macosStyle } from '../macos/index.js';
import { windowsStyle } from '../windows/index.js';
import type { Style } from './style.js';

/** The built-in styles, in the order the usage text names them. */
export const BUILTIN_STYLES = {
  windows: windowsStyle,
  linux: linuxStyle,
  macos: macosStyle,
} as const satisfies Readonly<Record<StyleName, Style>>;

/** A set of styles by name. */
export interface StyleRegistry {
  /** The names, in order. */
  readonly names: readonly string[];
  /** The style of that name, or undefined. */
  get(name: string): Style | undefined;
  /** `windows, linux or macos` (for messages). */
  choices(): string;
}

/** A registry over `styles` (tests build one with an extra style). */
export function createRegistry(styles: Readonly<Record<string, Style>>): StyleRegistry {
  const names = Object.keys(styles);
  return {
    names,
    get: (name) => (Object.hasOwn(styles, name) ? styles[name] : undefined),
    choices: () => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) as string}`),
  };
}

/** The registry of the built-in styles. */
export const STYLES: StyleRegistry = createRegistry(BUILTIN_STYLES);

/** The built-in style of a name. */
export function styleNamed(name: StyleName): Style {
  return BUILTIN_STYLES[name];
}

/** The style a query names (for callers that were not handed the object). */
export function styleOf(q: { readonly style: StyleName }): Style {
  return BUILTIN_STYLES[q.style];
}

/** A style object as given, or the built-in one of that name. */
export function styleFrom(s: Style | StyleName): Style {
  return typeof s === 'string' ? BUILTIN_STYLES[s] : s;
}

/** The name of the host OS's own style: the style used when nothing else says. */
export function hostStyleName(platform: string): StyleName {
  return platform === 'win32' ? 'windows' : platform === 'darwin' ? 'macos' : 'linux';
}
