// `npm start`: build whatever is missing or older than its sources, then run the server.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

/** Newest modification time of the files under the given folders. */
function newest(dirs) {
  let max = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else max = Math.max(max, statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return max;
}

const stale = (output, sources) => !existsSync(output) || statSync(output).mtimeMs < newest(sources);

const t0 = performance.now();
if (stale('dist/server/main.js', ['server', 'shared'])) {
  console.log('构建服务端 Building the server…');
  execSync('node scripts/build-server.mjs', { stdio: 'inherit' });
}
if (stale('dist/web/index.html', ['web', 'shared'])) {
  console.log('构建前端 Building the web app…');
  execSync('npx vite build --config web/vite.config.ts --logLevel warn', { stdio: 'inherit' });
}
const built = performance.now() - t0;
if (built > 500) console.log(`构建耗时 Build: ${(built / 1000).toFixed(1)} s`);

await import(path.join(root, 'dist/server/main.js'));
