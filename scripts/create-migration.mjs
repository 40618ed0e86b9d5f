#!/usr/bin/env node
// Usage: pnpm migrate:create some-name — writes migrations/src/<timestamp>-some-name.ts and registers it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('Usage: pnpm migrate:create <name>   (lower-case words joined by "-", e.g. add-cve-table)');
  process.exit(2);
}
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations', 'src');
const timestamp = Date.now();
const className = name.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('') + timestamp;
const file = `${timestamp}-${name}`;
fs.writeFileSync(
  path.join(dir, `${file}.ts`),
  `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }
}
`,
);
const indexFile = path.join(dir, 'index.ts');
let index = fs.readFileSync(indexFile, 'utf8');
index = index.replace(/\n\nexport const migrations = \[/, `\nimport { ${className} } from './${file}';\n\nexport const migrations = [`);
index = index.replace(/\];\s*$/, `, ${className}];\n`);
fs.writeFileSync(indexFile, index);
console.log(`Created migrations/src/${file}.ts (registered in migrations/src/index.ts)`);
