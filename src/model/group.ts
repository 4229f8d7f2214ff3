/** A multicast group membership (`netstat -g`, `/proc/net/igmp`, `/proc/net/igmp6`). */
export interface GroupMembership {
  family: 'inet' | 'inet6';
  interface: string;
  refCount: number;
  /** Group address, numeric. */
  group: string;
}
