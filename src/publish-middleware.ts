import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

/**
 * Head entries of a published site. The 404 page is served at whatever URL was not found: it names
 * no canonical URL or `og:url` (Starlight would give it `/404/`, which a static host does not serve).
 */
export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  if (route.id === '404') {
    route.head = route.head.filter((e) => !(e.tag === 'link' && e.attrs?.rel === 'canonical') && !(e.tag === 'meta' && e.attrs?.property === 'og:url'));
  }
});
