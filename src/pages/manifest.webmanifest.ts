import type { APIRoute } from 'astro';
import { siteConfig } from '../lib/site-config.ts';

/** The web app manifest: the configured title; URLs relative to the manifest, so any base works. */
export const GET: APIRoute = () => {
  const { title } = siteConfig();
  const manifest = {
    name: title,
    short_name: title.length > 20 ? `${title.slice(0, 19)}…` : title,
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1f3a5f',
    icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
  };
  return new Response(JSON.stringify(manifest, null, 2), { headers: { 'content-type': 'application/manifest+json' } });
};
