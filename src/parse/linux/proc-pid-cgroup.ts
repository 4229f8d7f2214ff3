/**
 * `/proc/<pid>/cgroup` → the systemd unit and the container of a process (pure).
 *
 * Real input (cgroup v2, one line): `0::/system.slice/nginx.service`; (v1, one line per hierarchy):
 * `1:name=systemd:/system.slice/docker-9ec39b91f3d7….scope`, `4:memory:/docker/2403ccfe427f…`,
 * `11:pids:/system.slice/containerd.service/kubepods-besteffort-pod2105e389_….slice:cri-containerd:d3d8ccf5…`.
 *
 * The path read is the one systemd manages: `name=systemd` (v1 and hybrid hosts), else the `0::`
 * line (pure v2), else the first non-root v1 path (hosts without systemd). A container is looked
 * for in that path first, then in every other line (a hybrid host can put the v2 line elsewhere).
 */
import type { ContainerRef } from '../../model/socket.js';

/** What a cgroup file says about a process. */
export interface CgroupOwner {
  /** systemd unit (`nginx.service`, `user@1000.service/app.scope`, `session-2.scope`); absent for the root cgroup. */
  unit?: string;
  container?: ContainerRef;
  /** Kubernetes pod UID (dashes, as in `/var/log/pods/<ns>_<pod>_<uid>`). */
  podUid?: string;
  /** The path the unit was read from. */
  path: string;
}

const HEX_ID = /^[0-9a-f]{12,64}$/;

/** The paths of the file, the systemd one first. */
function cgroupPaths(text: string): string[] {
  let systemd: string | undefined;
  let unified: string | undefined;
  const others: string[] = [];
  for (const line of text.split('\n')) {
    const a = line.indexOf(':');
    const b = a < 0 ? -1 : line.indexOf(':', a + 1);
    if (b < 0) continue;
    const controllers = line.slice(a + 1, b);
    const path = line.slice(b + 1).trim();
    if (controllers === 'name=systemd') systemd = path;
    else if (line.slice(0, a).trim() === '0' && controllers === '') unified = path;
    else if (path !== '/' && !controllers.startsWith('name=')) others.push(path);
  }
  const first = systemd ?? unified ?? others[0] ?? '/';
  return [first, ...[unified, ...others].filter((p): p is string => p !== undefined && p !== first)];
}

/** runc's systemd notation `parent.slice:prefix:name` is the slice, then the unit `prefix-name.scope`. */
function segmentUnits(seg: string): string[] {
  const parts = seg.split(':');
  return parts.length === 3 && parts[0]?.endsWith('.slice') ? [parts[0], `${parts[1]}-${parts[2]}.scope`] : [seg];
}

/** The container a cgroup path names, and the pod UID when it is a Kubernetes one. */
export function containerOfPath(path: string): { container?: ContainerRef; podUid?: string; inner: string[] } {
  const segs = path.split('/').filter((s) => s !== '').flatMap(segmentUnits);
  let container: ContainerRef | undefined;
  let podUid: string | undefined;
  let kube = false;
  let innerFrom = segs.length;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as string;
    let m: RegExpExecArray | null;
    if (s.includes('kubepods')) kube = true;
    if ((m = /^(?:.*-)?pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12}|[0-9a-f]{32})(?:\.slice)?$/.exec(s)) && kube) {
      podUid = (m[1] as string).replace(/_/g, '-');
      continue;
    }
    if ((m = /^docker-([0-9a-f]{64})\.scope$/.exec(s))) container = { runtime: 'docker', id: m[1] as string };
    else if ((m = /^libpod-(?!conmon-)([0-9a-f]{64})\.scope$/.exec(s))) container = { runtime: 'podman', id: m[1] as string };
    else if ((m = /^cri-containerd-([0-9a-f]{64})\.scope$/.exec(s))) container = { runtime: 'containerd', id: m[1] as string };
    else if ((m = /^crio-(?!conmon-)([0-9a-f]{64})\.scope$/.exec(s))) container = { runtime: 'cri-o', id: m[1] as string };
    else if ((s === 'docker' || s === 'libpod_parent') && HEX_ID.test(segs[i + 1] ?? '')) {
      container = { runtime: s === 'docker' ? 'docker' : 'podman', id: segs[++i] as string };
    } else if ((s === 'lxc' || s === 'lxc.payload') && segs[i + 1]) {
      const name = segs[++i] as string;
      container = { runtime: 'lxc', id: name, name };
    } else if ((m = /^lxc\.payload\.(.+)$/.exec(s))) container = { runtime: 'lxc', id: m[1] as string, name: m[1] as string };
    else if (kube && podUid && HEX_ID.test(s)) container = { runtime: 'kubernetes', id: s };
    else continue;
    innerFrom = i + 1;
  }
  const out: { container?: ContainerRef; podUid?: string; inner: string[] } = { inner: container?.runtime === 'lxc' ? segs.slice(innerFrom) : segs };
  if (container) out.container = container;
  if (podUid && container) out.podUid = podUid;
  return out;
}

/**
 * The systemd unit of a path's segments: the last `.service`/`.scope` (a process of a unit's
 * sub-cgroup, `systemd-udevd.service/udev`, belongs to the unit), under a user manager
 * `user@1000.service/<unit>`.
 */
export function unitOfSegments(segs: readonly string[]): string | undefined {
  const units = segs.filter((s) => s.endsWith('.service') || s.endsWith('.scope'));
  const last = units.at(-1);
  if (last === undefined) return undefined;
  const manager = units.find((u) => /^user@\d+\.service$/.test(u));
  return manager && manager !== last ? `${manager}/${last}` : last;
}

/** Parse `/proc/<pid>/cgroup`. */
export function parseProcPidCgroup(text: string): CgroupOwner {
  const paths = cgroupPaths(text);
  const main = paths[0] as string;
  let found = containerOfPath(main);
  if (!found.container) {
    for (const p of paths.slice(1)) {
      const other = containerOfPath(p);
      if (other.container) {
        found = { ...other, inner: found.inner };
        break;
      }
    }
  }
  const out: CgroupOwner = { path: main };
  const unit = unitOfSegments(found.inner);
  if (unit !== undefined) out.unit = unit;
  if (found.container) out.container = found.container;
  if (found.podUid) out.podUid = found.podUid;
  return out;
}

/** Docker's `config.v2.json` → the container name without its leading `/` (`{"Name":"/web",…}` → `web`). */
export function dockerNameFromConfig(json: string): string | undefined {
  try {
    const name = (JSON.parse(json) as { Name?: unknown }).Name;
    return typeof name === 'string' && name !== '' ? name.replace(/^\//, '') : undefined;
  } catch {
    return undefined;
  }
}

/** A `/var/log/pods` entry `<namespace>_<pod>_<uid>` → its parts (`kube-system_coredns-5d78c9869d-8xq2t_0b6…`). */
export function podFromLogDir(entry: string): { namespace: string; name: string; uid: string } | undefined {
  const m = /^([^_]+)_([^_]+)_([0-9a-f-]{32,36})$/.exec(entry);
  return m ? { namespace: m[1] as string, name: m[2] as string, uid: m[3] as string } : undefined;
}
