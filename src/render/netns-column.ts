/**
 * The `Netns` column of a text listing across network namespaces (`-N`), for every style (pure).
 * The style's own renderer draws each namespace's sockets; its frame (titles, headers: the lines
 * of an empty listing) is printed once, its column headers led by `Netns`, and each namespace's
 * rows go under the header they belong to, led by the namespace's name (`ip netns` name, else its
 * inode). Without `-N` nothing of this runs: the output stays the native tool's.
 */
import type { SocketRecord } from '../model/socket.js';
import { padRight } from './layout.js';
import { renderedLines } from './rows.js';
import { renderAll, type StreamRenderer } from './stream.js';

/** A frame line that heads columns (`Proto Recv-Q …`, `  Proto  Local Address …`, macOS `Address  Type …`), not a title. */
function isColumnHeader(line: string): boolean {
  return /\b(Proto|Address)\b/.test(line) && !/^\s*Active\b/.test(line);
}

/** How a namespace is named in the column: its `ip netns` name, else its inode. */
export function netnsLabel(r: SocketRecord): string {
  return r.netns ? (r.netns.name ?? String(r.netns.inode)) : '-';
}

/**
 * A stream renderer with the `Netns` column, around the style's renderer (`make` gives a fresh
 * one). It holds every record and renders at the end.
 */
export function netnsColumnStream(make: () => StreamRenderer, eol: string): StreamRenderer {
  const held: SocketRecord[] = [];
  return {
    *begin() {},
    *push(records) {
      for (const r of records) held.push(r);
    },
    *end() {
      const frame = renderedLines(renderAll(make(), []));
      const groups = new Map<string, SocketRecord[]>();
      for (const r of held) {
        const label = netnsLabel(r);
        const g = groups.get(label);
        if (g) g.push(r);
        else groups.set(label, [r]);
      }
      const width = Math.max(5, ...[...groups.keys()].map((l) => l.length));
      // Rows by the frame line they follow (-1: before the first one).
      const slots = new Map<number, string[]>();
      for (const [label, records] of groups) {
        let f = 0;
        let slot = -1;
        for (const line of renderedLines(renderAll(make(), records))) {
          if (f < frame.length && line === frame[f]) {
            slot = f++;
            continue;
          }
          const list = slots.get(slot) ?? [];
          list.push(`${padRight(label, width)} ${line}`);
          slots.set(slot, list);
        }
      }
      let out = '';
      for (const l of slots.get(-1) ?? []) out += l + eol;
      frame.forEach((line, i) => {
        out += (isColumnHeader(line) ? `${padRight('Netns', width)} ${line}` : line) + eol;
        for (const l of slots.get(i) ?? []) out += l + eol;
      });
      yield out;
    },
  };
}
