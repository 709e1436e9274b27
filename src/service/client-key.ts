// Who a request comes from, for the rate limit and the active-run cap: its address (an IPv6 /56 counts as one client).

import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';

/**
 * The client's key: the remote address, not the API token. There is one token for the whole
 * service, so keying by it would put every client in one bucket; the address tells them apart.
 * IPv6 clients are grouped by /56, the block one subscriber is usually given (else a client would
 * get a fresh quota per address of its range). An IPv4-mapped address counts as its IPv4 one.
 */
export function clientKey(req: Request): string {
  const address = req.ip ?? req.socket.remoteAddress;
  return address === undefined ? 'unknown' : ipKeyGenerator(address);
}
