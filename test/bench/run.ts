/**
 * `npm run bench`: runs every `*.bench.ts` in this folder, in file-name order, one after the
 * other. A bench module's default export is an async function that measures and prints its
 * lines (see report.ts); it returns false (or throws) when a target is missed. Pass names to
 * run only some: `npx tsx test/bench/run.ts inventory`.
 */
// The SDK's notice about its own future Node support is noise among the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Bench = () => Promise<boolean | void>;

const folder = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(folder)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

let missed = 0;
for (const file of files) {
  console.log(`\n# ${file}`);
  try {
    const module = (await import(pathToFileURL(path.join(folder, file)).href)) as { default?: Bench };
    if (typeof module.default !== 'function') throw new Error('a bench module must export a default async function');
    if ((await module.default()) === false) missed += 1;
  } catch (error) {
    missed += 1;
    console.log(`${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
console.log(`\n${files.length} bench file(s), ${missed} with a target missed or an error.`);
// Figures are reported, not enforced: a missed target is for people to look at, not a red build.
