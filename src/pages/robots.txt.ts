import type { APIRoute } from 'astro';
import { absoluteUrl, siteConfig } from '../lib/site-config.ts';

/** robots.txt: everything may be crawled; points at the sitemap when the site's URL is configured. */
export const GET: APIRoute = () => {
  const sitemap = absoluteUrl(siteConfig(), '/sitemap-index.xml');
  return new Response(`User-agent: *\nAllow: /\n${sitemap ? `\nSitemap: ${sitemap}\n` : ''}`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
