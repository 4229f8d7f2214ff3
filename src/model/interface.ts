/**
 * A network interface with its counters, from any OS (`/proc/net/dev` + `/sys/class/net`,
 * `GetIfTable2`, `netstat -ibn`, `netstat -e`). Counters that a source lacks are absent.
 */
export interface InterfaceAddress {
  family: 'inet' | 'inet6' | 'link';
  address: string;
  prefixLength?: number;
  /** Network (BSD `netstat -i` Network column), when the source prints it. */
  network?: string;
  /**
   * The source printed the address cut by its column (BSD `netstat -i` without `-W`:
   * `fe80::20c:29ff:fe`): it is kept exactly as printed and never rewritten (no scope added).
   */
  cut?: boolean;
  /** The address row's own counters (BSD `netstat -i` prints them per address), when the source has them. */
  rxPackets?: number;
  rxBytes?: number;
  txPackets?: number;
  txBytes?: number;
}

export interface NetInterface {
  name: string;
  index?: number;
  /** Friendly name or description (Windows). */
  description?: string;
  mtu: number | null;
  /** Flag names: UP, BROADCAST, DEBUG, LOOPBACK, POINTOPOINT, NOTRAILERS, RUNNING, NOARP, PROMISC, ALLMULTI, MASTER, SLAVE, MULTICAST … */
  flags: string[];
  /** Raw flag bits (Linux IFF_*), when known. */
  flagBits?: number;
  mac?: string;
  addresses?: InterfaceAddress[];
  /** IANA ifType (Windows `IFTYPE`: 6 Ethernet, 24 loopback, 71 Wi-Fi, 131 tunnel), when known. */
  ifType?: number;
  /** Link speed in bits per second, when known. */
  speed?: number;
  rxBytes?: number;
  rxPackets?: number;
  rxErrors?: number;
  rxDropped?: number;
  /** FIFO overruns (net-tools RX-OVR). */
  rxOverruns?: number;
  rxFrame?: number;
  rxCompressed?: number;
  rxMulticast?: number;
  rxUnicast?: number;
  rxNonUnicast?: number;
  rxUnknownProtocols?: number;
  txBytes?: number;
  txPackets?: number;
  txErrors?: number;
  txDropped?: number;
  txOverruns?: number;
  txCollisions?: number;
  txCarrier?: number;
  txCompressed?: number;
  txUnicast?: number;
  txNonUnicast?: number;
}
