/** Domains Meta serves media downloads from (lookaside.fbsbx.com today; CDN hosts for some files). */
export const META_MEDIA_DOMAINS = ['fbsbx.com', 'facebook.com', 'fbcdn.net', 'whatsapp.net'];

function parsedUrl(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

/** 127.0.0.0/8, ::1 and localhost: this machine (the sandbox), where cleartext http never leaves. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** https, or http to a loopback host: the only schemes a request carrying the token may use. */
export function isSecureOrLoopback(url: URL): boolean {
	return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/**
 * Whether a download URL may receive the access token: the credential's Base URL origin (a proxy or
 * the sandbox), or https on one of Meta's media domains (or a subdomain). Scheme and host are both
 * compared, so `http://lookaside.fbsbx.com` (cleartext) is refused.
 */
export function mayReceiveToken(url: string, baseUrl: string): boolean {
	const target = parsedUrl(url);
	if (!target || !isSecureOrLoopback(target)) return false;
	const base = parsedUrl(baseUrl);
	if (base && target.origin === base.origin) return true;
	if (target.protocol !== 'https:') return false;
	const host = target.hostname.toLowerCase();
	return META_MEDIA_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** An IPv4 address as four numbers, or undefined when it is not one. */
function ipv4Parts(address: string): number[] | undefined {
	const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
	const parts = match?.slice(1).map(Number);
	return parts && parts.every((part) => part <= 255) ? parts : undefined;
}

/** An IPv6 address as eight 16-bit groups (an embedded dotted IPv4 tail included), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
	let text = address.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
	const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
	if (dotted) {
		const v4 = ipv4Parts(dotted[1]);
		if (!v4) return undefined;
		text = text.slice(0, -dotted[1].length) + `${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
	}
	if (!/^[0-9a-f:]+$/.test(text) || text.split('::').length > 2) return undefined;
	const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
	const headGroups = head ? head.split(':') : [];
	const tailGroups = tail ? tail.split(':') : [];
	const missing = 8 - headGroups.length - tailGroups.length;
	if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
	const groups = [...headGroups, ...new Array(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
	if (groups.some((group) => group.length === 0 || group.length > 4)) return undefined;
	return groups.map((group) => parseInt(group, 16));
}

/**
 * Ranges that are not the public internet (IANA special-purpose registries, RFC 6890): this host,
 * private networks (RFC 1918), carrier-grade NAT (RFC 6598), link-local (cloud metadata lives at
 * 169.254.169.254), multicast and reserved.
 */
function isPublicIpv4([a, b]: number[]): boolean {
	if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
	if (a === 100 && b >= 64 && b <= 127) return false;
	if (a === 169 && b === 254) return false;
	if (a === 172 && b >= 16 && b <= 31) return false;
	if (a === 192 && b === 168) return false;
	return true;
}

/**
 * Whether an IP address is on the public internet. IPv6 loopback, unspecified, unique-local
 * (fc00::/7), link-local (fe80::/10) and multicast are not; IPv4-mapped and NAT64 addresses are
 * judged by the IPv4 address they carry. Anything unreadable counts as not public.
 */
export function isPublicAddress(address: string): boolean {
	const v4 = ipv4Parts(address);
	if (v4) return isPublicIpv4(v4);
	const groups = ipv6Groups(address);
	if (!groups) return false;
	const embeddedV4 = [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255];
	const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
	const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0);
	if (mapped || nat64) return isPublicIpv4(embeddedV4);
	if (groups.slice(0, 7).every((group) => group === 0)) return false;
	const first = groups[0];
	if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00) return false;
	return true;
}

/** The host of a parsed URL when it is an IP literal (the URL parser has already normalised it), else undefined. */
export function ipLiteralOf(url: URL): string | undefined {
	const host = url.hostname.replace(/^\[|\]$/g, '');
	return ipv4Parts(host) || ipv6Groups(host) ? host : undefined;
}
