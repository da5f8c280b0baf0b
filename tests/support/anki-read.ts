import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { unzipSync } from 'fflate';

export interface ReadModel { id: number; name: string; type: number; fields: string[]; templates: Array<{ name: string; qfmt: string; afmt: string }> }
export interface ReadNote { id: number; guid: string; mid: number; mod: number; tags: string[]; fields: string[]; sfld: string; csum: number }
export interface ReadCard { id: number; nid: number; did: number; ord: number; type: number; queue: number; due: number }
export interface ReadPackage { files: string[]; ver: number; models: ReadModel[]; decks: Array<{ id: number; name: string }>; notes: ReadNote[]; cards: ReadCard[] }

/**
 * Reads an `.apkg` the way Anki's importer does: the zip's `collection.anki2` opened as an SQLite
 * file; note types and decks from the `col` row's JSON; notes' fields split at U+001F; tags
 * space-separated; cards by note.
 */
export function readApkg(bytes: Uint8Array): ReadPackage {
  const zip = unzipSync(bytes);
  const collection = zip['collection.anki2'];
  if (!collection) throw new Error(`no collection.anki2 in the package (${Object.keys(zip).join(', ')})`);
  const dir = mkdtempSync(join(tmpdir(), 'apkg-'));
  try {
    writeFileSync(join(dir, 'collection.anki2'), collection);
    const db = new DatabaseSync(join(dir, 'collection.anki2'), { readOnly: true });
    try {
      const col = db.prepare('select ver, models, decks from col').get() as { ver: number; models: string; decks: string };
      const models = Object.values(JSON.parse(col.models) as Record<string, { id: number | string; name: string; type: number; flds: Array<{ name: string; ord: number }>; tmpls: Array<{ name: string; qfmt: string; afmt: string }> }>).map((m) => ({
        id: Number(m.id), name: m.name, type: m.type,
        fields: [...m.flds].sort((a, b) => a.ord - b.ord).map((f) => f.name),
        templates: m.tmpls.map((t) => ({ name: t.name, qfmt: t.qfmt, afmt: t.afmt })),
      }));
      const decks = Object.values(JSON.parse(col.decks) as Record<string, { id: number; name: string }>).map((d) => ({ id: Number(d.id), name: d.name }));
      const notes = (db.prepare('select id, guid, mid, mod, tags, flds, sfld, csum from notes order by id').all() as Array<Record<string, number | string>>).map((n) => ({
        id: Number(n.id), guid: String(n.guid), mid: Number(n.mid), mod: Number(n.mod),
        tags: String(n.tags).split(' ').filter(Boolean), fields: String(n.flds).split('\u001f'), sfld: String(n.sfld), csum: Number(n.csum),
      }));
      const cards = (db.prepare('select id, nid, did, ord, type, queue, due from cards order by due, ord').all() as Array<Record<string, number>>).map((c) => ({
        id: Number(c.id), nid: Number(c.nid), did: Number(c.did), ord: Number(c.ord), type: Number(c.type), queue: Number(c.queue), due: Number(c.due),
      }));
      return { files: Object.keys(zip).sort(), ver: col.ver, models, decks, notes, cards };
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
