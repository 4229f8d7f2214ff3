/**
 * Services that are usually meant to be reached from this machine only (databases, caches,
 * message brokers, admin consoles, debuggers, container and cluster control APIs): a listener on
 * one of these ports that the network can reach raises a warning in `--exposed`. One table,
 * written once; ports only (the audit cannot know which program really speaks on a port, so the
 * warning names the service the port usually belongs to).
 *
 * Left out on purpose: services meant for the network (ssh, http, smb, rdp, mdns) and ports that
 * desktop systems use for something else (5000/7000: AirPlay receiver on macOS).
 */

export type LocalServiceKind = 'database' | 'cache' | 'message broker' | 'admin console' | 'debugger' | 'control API' | 'display server';

export interface LocalService {
  port: number;
  /** Transports the service listens on. */
  transports: readonly ('tcp' | 'udp')[];
  service: string;
  kind: LocalServiceKind;
}

const tcp = ['tcp'] as const;

export const LOCAL_SERVICES: readonly LocalService[] = [
  { port: 1433, transports: tcp, service: 'Microsoft SQL Server', kind: 'database' },
  { port: 1521, transports: tcp, service: 'Oracle Database', kind: 'database' },
  { port: 3306, transports: tcp, service: 'MySQL/MariaDB', kind: 'database' },
  { port: 33060, transports: tcp, service: 'MySQL X Protocol', kind: 'database' },
  { port: 5432, transports: tcp, service: 'PostgreSQL', kind: 'database' },
  { port: 5984, transports: tcp, service: 'CouchDB', kind: 'database' },
  { port: 8086, transports: tcp, service: 'InfluxDB', kind: 'database' },
  { port: 9042, transports: tcp, service: 'Cassandra', kind: 'database' },
  { port: 9200, transports: tcp, service: 'Elasticsearch/OpenSearch', kind: 'database' },
  { port: 9300, transports: tcp, service: 'Elasticsearch transport', kind: 'database' },
  { port: 27017, transports: tcp, service: 'MongoDB', kind: 'database' },
  { port: 27018, transports: tcp, service: 'MongoDB shard', kind: 'database' },
  { port: 27019, transports: tcp, service: 'MongoDB config server', kind: 'database' },
  { port: 6379, transports: tcp, service: 'Redis', kind: 'cache' },
  { port: 11211, transports: ['tcp', 'udp'], service: 'Memcached', kind: 'cache' },
  { port: 2181, transports: tcp, service: 'ZooKeeper', kind: 'message broker' },
  { port: 4369, transports: tcp, service: 'Erlang port mapper (epmd)', kind: 'message broker' },
  { port: 5672, transports: tcp, service: 'RabbitMQ (AMQP)', kind: 'message broker' },
  { port: 9092, transports: tcp, service: 'Kafka', kind: 'message broker' },
  { port: 5601, transports: tcp, service: 'Kibana', kind: 'admin console' },
  { port: 8983, transports: tcp, service: 'Solr admin', kind: 'admin console' },
  { port: 10000, transports: tcp, service: 'Webmin', kind: 'admin console' },
  { port: 15672, transports: tcp, service: 'RabbitMQ management', kind: 'admin console' },
  { port: 9222, transports: tcp, service: 'Chrome DevTools remote debugging', kind: 'debugger' },
  { port: 9229, transports: tcp, service: 'Node.js inspector', kind: 'debugger' },
  { port: 2375, transports: tcp, service: 'Docker Engine API (unencrypted)', kind: 'control API' },
  { port: 2379, transports: tcp, service: 'etcd', kind: 'control API' },
  { port: 2380, transports: tcp, service: 'etcd peer', kind: 'control API' },
  { port: 8500, transports: tcp, service: 'Consul HTTP API', kind: 'control API' },
  { port: 10250, transports: tcp, service: 'Kubernetes kubelet API', kind: 'control API' },
  { port: 11434, transports: tcp, service: 'Ollama API', kind: 'control API' },
  { port: 6000, transports: tcp, service: 'X11', kind: 'display server' },
];

const BY_KEY: ReadonlyMap<string, LocalService> = new Map(LOCAL_SERVICES.flatMap((s) => s.transports.map((t) => [`${t}/${s.port}`, s] as const)));

/** The local-only service usually on this port, if any. */
export function localService(transport: 'tcp' | 'udp', port: number): LocalService | undefined {
  return BY_KEY.get(`${transport}/${port}`);
}
