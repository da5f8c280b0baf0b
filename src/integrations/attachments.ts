import { copyFileSync, createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ATTACHMENTS_PREFIX } from '../lib/link-paths.ts';
import { siteLinkGraph } from '../lib/site-link-graph.ts';
import { notesDir, siteBase } from '../lib/site-config.ts';
import { attachmentKind, mediaType } from '../syntax/attachments.ts';

/** Audio, video and PDF files of the vault (images go through Astro's image pipeline instead). */
function publishedAttachments(): string[] {
  return siteLinkGraph().assets.filter((path) => attachmentKind(path) !== 'image');
}

/**
 * Publishes the vault's audio, video and PDF attachments at `/_attachments/<vault path>` (see
 * `attachmentHref`), where `![[talk.ogg]]`, `![[demo.mp4]]` and `[[paper.pdf]]` point: copied
 * into the build output, and served from the notes folder by `astro dev`.
 */
export function attachments(): AstroIntegration {
  return {
    name: 'note-attachments',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const prefix = `${siteBase}/${ATTACHMENTS_PREFIX}/`;
        server.middlewares.use((req, res, next) => {
          const url = req.url?.split('?')[0] ?? '';
          if (!url.startsWith(prefix)) return next();
          let path: string;
          try {
            path = decodeURIComponent(url.slice(prefix.length));
          } catch {
            return next();
          }
          const file = resolve(notesDir, path);
          if (!file.startsWith(notesDir + sep) || !attachmentKind(file) || !existsSync(file) || !statSync(file).isFile()) return next();
          res.setHeader('Content-Type', mediaType(file) ?? (attachmentKind(file) === 'pdf' ? 'application/pdf' : 'application/octet-stream'));
          createReadStream(file).pipe(res);
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        const out = join(fileURLToPath(dir), ATTACHMENTS_PREFIX);
        const list = publishedAttachments();
        for (const path of list) {
          const target = join(out, path);
          mkdirSync(dirname(target), { recursive: true });
          copyFileSync(join(notesDir, path), target);
        }
        if (list.length > 0) logger.info(`${list.length} audio, video and PDF attachment(s) published under /${ATTACHMENTS_PREFIX}/`);
      },
    },
  };
}
