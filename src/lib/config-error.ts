import { ConfigError } from './site-config.ts';

/**
 * Runs `load` and, on a configuration error, prints its friendly message (no stack trace) and
 * exits 1: for entry points only (astro.config, CLIs), never for library code.
 */
export function exitOnConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
}
