/**
 * The whole-vault checks of the site, in one list so the lint CLI and the content loader
 * run the same ones. Each feature module registers itself when imported here.
 */
import './lint.ts';
import './syntax-checks.ts';
import './link-checks.ts';
import './editorial-checks.ts';
import './study-checks.ts';
import './cloze-checks.ts';
import './mermaid-checks.ts';
