// Child-process runner: imports bench/<module> and calls its default export with the arguments,
// then prints {seconds, peakRssMb, ...result} as the last line of stdout.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [module, ...args] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const { default: phase } = await import(pathToFileURL(path.join(here, '..', module)).href);
const started = process.hrtime.bigint();
const result = await phase(...args);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ seconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...result }));
