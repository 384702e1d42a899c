/**
 * The serviceUrl allow-list. A serviceUrl is where the bot's replies go, carrying the bot's own token, so an
 * activity is accepted, a conversation remembered and a proactive message sent only to an exact host on
 * the list (https, or http on a loopback host for local tests).
 */
export function isAllowedServiceUrl(serviceUrl: unknown, hosts: readonly string[]): boolean {
  if (typeof serviceUrl !== 'string' || !serviceUrl) return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) return false;
  return hosts.includes(url.hostname.toLowerCase());
}
