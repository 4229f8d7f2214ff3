/**
 * The address of `--serve-metrics [ADDR:]PORT` (pure). Without an address the exporter binds
 * 127.0.0.1; a wildcard (`0.0.0.0`, `::`, `[::]`) only when written, and then it is flagged so
 * the caller can warn that process names become visible to the network.
 */
import { UsageError } from '../model/errors.js';

export interface ListenAddress {
  host: string;
  port: number;
  /** True for `0.0.0.0` and `::`: every interface. */
  wildcard: boolean;
}

/** `9100` → 127.0.0.1:9100; `0.0.0.0:9100`, `[::1]:9100`, `localhost:9100`. Throws UsageError. */
export function parseListenAddress(text: string): ListenAddress {
  let host = '127.0.0.1';
  let portText = text;
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(text);
  if (bracket) {
    host = bracket[1] as string;
    portText = bracket[2] as string;
  } else if (text.includes(':')) {
    const colon = text.lastIndexOf(':');
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (host.includes(':')) throw new UsageError(`bad --serve-metrics '${text}': write an IPv6 address in brackets ([::1]:9100)`);
  }
  if (host === '') throw new UsageError(`bad --serve-metrics '${text}': name the address before ':' (127.0.0.1:PORT, or 0.0.0.0:PORT for every interface)`);
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new UsageError(`bad --serve-metrics '${text}': expected [ADDR:]PORT with PORT 0-65535`);
  return { host, port: Number(portText), wildcard: host === '0.0.0.0' || host === '::' };
}
