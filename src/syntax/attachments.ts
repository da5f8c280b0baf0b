/**
 * Attachment kinds Obsidian embeds with `![[file.ext]]` (https://help.obsidian.md/file-formats):
 * images as `<img>`, audio as `<audio controls>`, video as `<video controls>`, PDF embedded.
 */
export type AttachmentKind = 'image' | 'audio' | 'video' | 'pdf';

const KINDS: Record<string, AttachmentKind> = {
  png: 'image', jpg: 'image', jpeg: 'image', gif: 'image', svg: 'image', webp: 'image', avif: 'image', bmp: 'image',
  mp3: 'audio', wav: 'audio', m4a: 'audio', ogg: 'audio', '3gp': 'audio', flac: 'audio', oga: 'audio', opus: 'audio',
  mp4: 'video', webm: 'video', ogv: 'video', mov: 'video', mkv: 'video',
  pdf: 'pdf',
};

/** A file name with an attachment extension. */
export const ATTACHMENT = new RegExp(`\\.(${Object.keys(KINDS).join('|')})$`, 'i');

/** The kind of attachment a file name names, or `undefined` for notes and other files. */
export function attachmentKind(name: string): AttachmentKind | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase();
  return ext ? KINDS[ext] : undefined;
}

/** MIME type of an audio/video attachment, for `<source type>`. */
export function mediaType(name: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const types: Record<string, string> = {
    mp3: 'audio/mpeg', wav: 'audio/wav', m4a: 'audio/mp4', ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/ogg', flac: 'audio/flac', '3gp': 'audio/3gpp',
    mp4: 'video/mp4', webm: 'video/webm', ogv: 'video/ogg', mov: 'video/quicktime', mkv: 'video/x-matroska',
  };
  return ext ? types[ext] : undefined;
}

/**
 * Obsidian's size forms after `|` in an embed: `300` (width) or `300x200`. Anything else is alt text.
 */
export function embedSize(alias: string | undefined): { width: string; height?: string } | undefined {
  const m = alias?.trim().match(/^(\d+)(?:x(\d+))?$/);
  return m ? { width: m[1]!, ...(m[2] ? { height: m[2] } : {}) } : undefined;
}
