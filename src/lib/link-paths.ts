import { slugify } from './slug.ts';

/** URL of a note page, with an optional heading anchor: `/python-concurrency/#threads`. */
export function noteHref(base: string, id: string, anchor?: string): string {
  return `${base}/${id}/${anchor ? `#${anchor}` : ''}`;
}

/** URL of the "not written yet" page of a concept: `/concepts/computer-science/`. */
export function conceptHref(base: string, slug: string): string {
  return `${base}/concepts/${slug}/`;
}

/** URL path segment(s) of a tag; nested tags keep their folders: `python/asyncio`. */
export function tagSlug(tag: string): string {
  return tag
    .split('/')
    .filter(Boolean)
    .map((segment) => slugify(segment) || '-')
    .join('/');
}

/** URL of a tag page: `/tags/python/`. */
export function tagHref(base: string, tag: string): string {
  return `${base}/tags/${tagSlug(tag)}/`;
}

/** Where vault attachments (audio, video, PDF) are published: `/_attachments/<vault path>`. */
export const ATTACHMENTS_PREFIX = '_attachments';

/** URL of a vault attachment, each path segment encoded: `/_attachments/Attachments/demo%20clip.mp4`. */
export function attachmentHref(base: string, vaultPath: string): string {
  return `${base}/${ATTACHMENTS_PREFIX}/${vaultPath.split('/').map(encodeURIComponent).join('/')}`;
}

/** A repository on GitHub, as configured in site-config (`repository`). */
export interface Repository {
  owner: string;
  name: string;
  branch: string;
  notesPath: string;
}

/** The note template offered for a concept that is not written yet. */
export function noteTemplate(title: string): string {
  return `---\ntitle: ${JSON.stringify(title)}\naliases: []\ntags: []\n---\n\nWrite about ${title} here. Link related notes with [[wikilinks]].\n`;
}

/**
 * GitHub's "new file" page with the file name and the template filled in. The file is named as the
 * link was first written (`computer_science.md`), so existing `[[computer_science]]` links resolve.
 */
export function newNoteUrl(repo: Repository, target: string, title: string): string {
  const folder = repo.notesPath ? `/${repo.notesPath}` : '';
  const params = new URLSearchParams({ filename: `${target.replace(/\.md$/i, '')}.md`, value: noteTemplate(title) });
  return `https://github.com/${repo.owner}/${repo.name}/new/${repo.branch}${folder}?${params.toString().replace(/\+/g, '%20')}`;
}

/** Items per page of the tag and concept lists (as /notes/), so no list page grows with the vault. */
export const LIST_PAGE_SIZE = 100;

/** Path of page `page` of a list under `prefix`: `python`, then `python/page-2`. */
export function listPagePath(prefix: string, page: number): string {
  if (page <= 1) return prefix;
  return prefix ? `${prefix}/page-${page}` : `page-${page}`;
}
