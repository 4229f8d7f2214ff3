/**
 * Who really owns a socket on Linux: each owning process's systemd unit, container and
 * Kubernetes pod, from `/proc/<pid>/cgroup`, with the container's name where the runtime's files
 * are readable (Docker `config.v2.json`, Podman `containers.json`) and the pod's namespace and
 * name from the `/var/log/pods/<namespace>_<pod>_<uid>` directories. One cgroup read per owning
 * process (owners are shared between the sockets of a process); the runtimes' files are read once
 * per run and cached.
 */
import type { Owner } from '../model/socket.js';
import { dockerNameFromConfig, parseProcPidCgroup, podFromLogDir } from '../parse/linux/proc-pid-cgroup.js';
import type { FileReader } from './io.js';

/** Where the container runtimes keep what names their containers (defaults: the standard paths). */
export interface RuntimeRoots {
  /** Docker: `<docker>/<id>/config.v2.json`. */
  docker: string;
  /** Podman (root): the `containers.json` of containers/storage. */
  podman: string;
  /** Kubernetes: the kubelet's pod log directories. */
  pods: string;
}

export const DEFAULT_RUNTIME_ROOTS: RuntimeRoots = {
  docker: '/var/lib/docker/containers',
  podman: '/var/lib/containers/storage/overlay-containers/containers.json',
  pods: '/var/log/pods',
};

/** Fills `unit`, `container` and `pod` of owners; keeps its lookups for the whole run. */
export class OwnerDetail {
  private dockerNames = new Map<string, string | undefined>();
  private podmanNames: Map<string, string> | undefined;
  private pods: Map<string, { namespace: string; name: string }> | undefined;

  constructor(
    private readonly fs: FileReader,
    private readonly procRoot: string,
    private readonly roots: RuntimeRoots = DEFAULT_RUNTIME_ROOTS,
  ) {}

  /** Fill every distinct owner of the lists (a process's owner object is shared by its sockets). */
  fill(lists: Iterable<readonly Owner[]>): void {
    const seen = new Set<Owner>();
    for (const list of lists) {
      for (const o of list) {
        if (seen.has(o)) continue;
        seen.add(o);
        this.fillOne(o);
      }
    }
  }

  /** Fill one owner from its process's cgroup file (a process that exited keeps what it had). */
  fillOne(o: Owner): void {
    let text: string;
    try {
      text = this.fs.read(`${this.procRoot}/${o.pid}/cgroup`);
    } catch {
      return;
    }
    const c = parseProcPidCgroup(text);
    if (c.unit !== undefined) o.unit = c.unit;
    if (c.container) {
      const name = c.container.name ?? this.containerName(c.container.runtime, c.container.id);
      o.container = name !== undefined ? { ...c.container, name } : c.container;
    }
    if (c.podUid) {
      const pod = this.pod(c.podUid);
      if (pod) o.pod = { ...pod, uid: c.podUid };
    }
  }

  private containerName(runtime: string, id: string): string | undefined {
    if (runtime === 'docker') {
      if (!this.dockerNames.has(id)) {
        let name: string | undefined;
        try {
          name = dockerNameFromConfig(this.fs.read(`${this.roots.docker}/${id}/config.v2.json`));
        } catch {
          /* not readable: the id alone */
        }
        this.dockerNames.set(id, name);
      }
      return this.dockerNames.get(id);
    }
    if (runtime === 'podman') {
      if (!this.podmanNames) {
        this.podmanNames = new Map();
        try {
          const list = JSON.parse(this.fs.read(this.roots.podman)) as { id?: unknown; names?: unknown }[];
          for (const c of Array.isArray(list) ? list : []) {
            if (typeof c.id === 'string' && Array.isArray(c.names) && typeof c.names[0] === 'string') this.podmanNames.set(c.id, c.names[0]);
          }
        } catch {
          /* not readable */
        }
      }
      return this.podmanNames.get(id);
    }
    return undefined;
  }

  private pod(uid: string): { namespace: string; name: string } | undefined {
    if (!this.pods) {
      this.pods = new Map();
      try {
        for (const entry of this.fs.list(this.roots.pods)) {
          const p = podFromLogDir(entry);
          if (p) this.pods.set(p.uid, { namespace: p.namespace, name: p.name });
        }
      } catch {
        /* no kubelet here */
      }
    }
    return this.pods.get(uid);
  }
}
