/**
 * Express's "trust proxy" from NIXSEC_TRUST_PROXY: which reverse proxies may say, through
 * X-Forwarded-For/-Proto, what the client's address is (per-IP rate limits) and that the
 * connection was HTTPS (Secure cookies). "true"/"false", a hop count, or addresses/subnets/names
 * such as "loopback" (the default: a proxy on the same host) or "loopback, 10.0.0.0/8".
 */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
