/**
 * The Linux style against real net-tools 2.10 output for real /proc/net captures from old and new
 * kernels: `fixtures/expected/linux/<set>/<flags>.out` were produced by `scripts/netstat-goldens.sh`
 * (netstat run over each fixture set), and `test/live/views-goldens.test.ts` re-checks them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeFs, runMain } from '../helpers/run-main.js';

const FX = 'fixtures/linux-proc';
const EXPECTED = 'fixtures/expected/linux';

/** The /proc/net files of each fixture set (kept in step with scripts/netstat-goldens.sh). */
const FIXTURE_SETS: Record<string, Record<string, string>> = {
  'k2.6.18': { route: 'k2.6.18-net_route.txt', ipv6_route: 'k2.6.18-net_ipv6_route.txt', snmp: 'k2.6.18-net_snmp.txt', snmp6: 'k2.6.18-net_snmp6.txt', netstat: 'k2.6.18-net_netstat.txt' },
  jc: { route: 'jc-net_route.txt', ipv6_route: 'jc-net_ipv6_route.txt' },
  procfs: { snmp: 'procfs-snmp.txt', snmp6: 'procfs-snmp6.txt', netstat: 'procfs-netstat.txt' },
  node_exporter: { snmp: 'node_exporter-snmp.txt', snmp6: 'node_exporter-snmp6.txt', netstat: 'node_exporter-netstat.txt' },
  sysstat: { snmp: 'sysstat-root1-snmp.txt' },
  'debian12-k6.18': {
    route: 'debian12-k6.18-net_route.txt',
    ipv6_route: 'debian12-k6.18-net_ipv6_route.txt',
    snmp: 'debian12-k6.18-net_snmp.txt',
    snmp6: 'debian12-k6.18-net_snmp6.txt',
    netstat: 'debian12-k6.18-net_netstat.txt',
    igmp: 'debian12-k6.18-net_igmp.txt',
    igmp6: 'debian12-k6.18-net_igmp6.txt',
  },
};

function setFs(set: string): ReturnType<typeof fakeFs> {
  const files: Record<string, string> = {};
  for (const [name, file] of Object.entries(FIXTURE_SETS[set] ?? {})) files[`/proc/net/${name}`] = `${FX}/${file}`;
  return fakeFs(files);
}

/** `-rn-6.out` → `['-rn', '-6']` (slugs drop spaces; each flag starts with `-`). */
function argsOfSlug(slug: string): string[] {
  return slug.match(/-[^-]+/g) ?? [];
}

describe('Linux style = net-tools netstat on /proc/net fixtures', () => {
  for (const set of Object.keys(FIXTURE_SETS)) {
    for (const file of readdirSync(`${EXPECTED}/${set}`).sort()) {
      const args = argsOfSlug(file.replace(/\.out$/, ''));
      it(`${set}: netstat ${args.join(' ')}`, async () => {
        const expected = readFileSync(`${EXPECTED}/${set}/${file}`, 'latin1');
        const r = await runMain(['--style', 'linux', ...args], setFs(set));
        expect(r.stdout).toBe(expected);
      });
    }
  }
  it('every golden set has fixture files', () => expect(readdirSync(EXPECTED).sort()).toEqual(Object.keys(FIXTURE_SETS).sort()));
});
