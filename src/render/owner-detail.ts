/**
 * `--owner-detail` (pure): what a process really is, in brackets after its `PID/Program name` —
 * its container (`[web]`, or `[docker:2403ccfe427f]` when the runtime's files give no name; with
 * the pod, `[kube-system/coredns-5d78c9869d-8xq2t]`), else its systemd unit (`[nginx.service]`).
 */
import type { Owner } from '../model/socket.js';
import { escapeControl } from './sanitize.js';

/** The bracketed detail of an owner, or '' when nothing is known. */
export function ownerDetailText(o: Owner): string {
  if (o.pod) return `[${escapeControl(`${o.pod.namespace}/${o.pod.name}`)}]`;
  if (o.container) return `[${escapeControl(o.container.name ?? `${o.container.runtime}:${o.container.id.slice(0, 12)}`)}]`;
  if (o.unit) return `[${escapeControl(o.unit)}]`;
  if (o.services?.length) return `[${escapeControl(o.services.join(', '))}]`;
  return '';
}
