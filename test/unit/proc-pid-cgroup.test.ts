/**
 * `/proc/<pid>/cgroup` parsing on real captures (fixtures/linux-cgroup, provenance in fixtures/SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dockerNameFromConfig, parseProcPidCgroup, podFromLogDir } from '../../src/parse/linux/proc-pid-cgroup.js';

const fx = (name: string): string => readFileSync(new URL(`../../fixtures/linux-cgroup/${name}`, import.meta.url), 'utf8');
const parse = (name: string) => {
  const { path: _path, ...rest } = parseProcPidCgroup(fx(name));
  return rest;
};

describe('parseProcPidCgroup on real captures', () => {
  it('systemd service (v2)', () => {
    expect(parse('systemd-v2-nginx.txt')).toEqual({ unit: 'nginx.service' });
  });
  it('a unit of a user manager (v2)', () => {
    expect(parse('systemd-v2-user-scope.txt')).toEqual({ unit: 'user@1000.service/podman-6696.scope' });
  });
  it('host process in the root cgroup (v1): nothing', () => {
    expect(parse('host-v1-root.txt')).toEqual({});
  });
  it('Docker, cgroupfs driver on a hybrid host: /docker/<id> wins over the v2 line', () => {
    expect(parse('docker-v1-cgroupfs-hybrid.txt')).toEqual({
      container: { runtime: 'docker', id: '2403ccfe427f1dc7b6120dccb9ac58c2f8456950380d587a9f33ea7f00dd303d' },
    });
  });
  it('Docker, systemd driver: docker-<id>.scope is the unit and the container', () => {
    const id = '9ec39b91f3d70e1beff50a308f77067065ea6be0d91a3378375056cd4422cf3d';
    expect(parse('docker-v1-systemd-centos.txt')).toEqual({ unit: `docker-${id}.scope`, container: { runtime: 'docker', id } });
  });
  it('Podman (v2, under a user manager, crun sub-cgroup)', () => {
    const id = 'cf21d19260ace8544fe8b769fc2638bf2c0873dfbfff0b6253f0569b26a1d5eb';
    expect(parse('podman-v2-rootful-user.txt')).toEqual({ unit: `user@0.service/libpod-${id}.scope`, container: { runtime: 'podman', id } });
  });
  it('containerd under Kubernetes, systemd driver (cri-containerd-<id>.scope), pod UID from the slice', () => {
    const id = 'f45298cd514d1930c4fe3afc4412e59547f7e3148fddd22ca33cefce046eb830';
    expect(parse('k8s-containerd-v1-systemd-bottlerocket.txt')).toEqual({
      unit: `cri-containerd-${id}.scope`,
      container: { runtime: 'containerd', id },
      podUid: 'dd1bf9d1-241d-47f5-8e25-12de83135812',
    });
  });
  it("containerd 1.4 runc notation (slice:cri-containerd:id)", () => {
    const id = 'd3d8ccf5cca91931c6285c1d7472c413dd5a7700fddc0aa9f89a9ac7008b003e';
    expect(parse('k8s-containerd-v1-colon-1.4.4.txt')).toEqual({
      unit: `cri-containerd-${id}.scope`,
      container: { runtime: 'containerd', id },
      podUid: '2105e389-7471-476e-a50f-6074cef29bbd',
    });
  });
  it('CRI-O (crio-<id>.scope)', () => {
    const id = 'd6d725b909f37c3e232aadfbafa950a58bfe7baa579ba8c47a12be88bb921607';
    expect(parse('k8s-crio-v1-1.19.txt')).toEqual({
      unit: `crio-${id}.scope`,
      container: { runtime: 'cri-o', id },
      podUid: '8ca306fa-3c03-47fa-97dd-19979c345572',
    });
  });
  it('Kubernetes with the cgroupfs driver (v1): runtime not named', () => {
    expect(parse('k8s-containerd-v1-cgroupfs-1.2.13.txt')).toEqual({
      container: { runtime: 'kubernetes', id: '5dd96d5394ca930a854a390ea46f7515a8bc930123eb3251ba20f2708a38fc61' },
      podUid: 'a36d0c1d-0b26-4451-8d80-9c195e004afa',
    });
  });
  it('Kubernetes with the cgroupfs driver (v2, kubelet root)', () => {
    expect(parse('k8s-v2-cgroupfs-fedora33.txt')).toEqual({
      container: { runtime: 'kubernetes', id: 'a3804295d867b752119eab99a9e6364fdf7fe6a4be5af0b11f9915fa7b64ff95' },
      podUid: 'dfd874dc-ab52-4793-af47-d06b78b68337',
    });
  });
  it('LXC (/lxc/<name>): the container, and the unit inside it', () => {
    expect(parse('lxc-v1-ubuntu16.10-snapd.txt')).toEqual({ unit: 'snapd.service', container: { runtime: 'lxc', id: 'x1', name: 'x1' } });
  });
  it('LXC 4 (/lxc.payload/<name>)', () => {
    expect(parse('lxc-payload-hybrid.txt')).toEqual({ unit: 'init.scope', container: { runtime: 'lxc', id: 'example', name: 'example' } });
  });
});

describe('names of containers and pods', () => {
  it("reads Docker's container name", () => {
    expect(dockerNameFromConfig('{"ID":"2403ccfe427f","Name":"/web","State":{}}')).toBe('web');
    expect(dockerNameFromConfig('not json')).toBeUndefined();
  });
  it('splits a /var/log/pods entry', () => {
    expect(podFromLogDir('kube-system_coredns-5d78c9869d-8xq2t_dd1bf9d1-241d-47f5-8e25-12de83135812')).toEqual({
      namespace: 'kube-system',
      name: 'coredns-5d78c9869d-8xq2t',
      uid: 'dd1bf9d1-241d-47f5-8e25-12de83135812',
    });
    expect(podFromLogDir('README')).toBeUndefined();
  });
});
