/**
 * Rows as German Windows prints `netstat -ano` (the words are those of public German captures; the
 * second listener shows ABHÖREN after a CP850 → cp1252 mix-up, as in a saved capture), CRLF.
 * No German capture could be saved whole (fixtures/SOURCES.md, "Seen but not saved").
 */
export const GERMAN_NETSTAT_ANO = [
  '',
  'Aktive Verbindungen',
  '',
  '  Proto  Lokale Adresse         Remoteadresse          Status           PID',
  '  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN          1060',
  '  TCP    127.0.0.1:49181        0.0.0.0:0              ABH™REN          4321',
  '  TCP    127.0.0.1:9222         127.0.0.1:50123        HERGESTELLT      4321',
  '  TCP    127.0.0.1:9222         127.0.0.1:50124        WARTEND          0',
  '  TCP    127.0.0.1:50125        127.0.0.1:9222         SCHLIESSEN_WARTEN  2468',
  '  TCP    127.0.0.1:50126        10.0.0.1:443           SYN_GESENDET     2468',
  '  TCP    127.0.0.1:50127        10.0.0.1:443           FIN_WARTEN_2     2468',
  '  TCP    [::]:135               [::]:0                 ABHÖREN          1060',
  '  UDP    0.0.0.0:9222           *:*                                    8888',
].join('\r\n');
