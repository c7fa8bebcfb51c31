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
