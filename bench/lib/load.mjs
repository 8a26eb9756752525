// Runs bench/load-generator.mjs in its own process and returns its summary.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const GENERATOR = fileURLToPath(new URL('../load-generator.mjs', import.meta.url));

export function runLoad(spec) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GENERATOR], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited ${code}: ${err}`));
      try {
        resolve(JSON.parse(out));
      } catch (error) {
        reject(new Error(`load generator printed no JSON: ${out} ${err} ${error}`));
      }
    });
    child.stdin.end(JSON.stringify(spec));
  });
}

/** A JSON order of about `bytes` bytes, the body every bench request sends. */
export function orderBody(bytes) {
  const items = [];
  const body = { order_number: 1234, customer: { id: 'c-1', email: 'a@example.com' }, items };
  while (JSON.stringify(body).length < bytes) {
    items.push({ sku: `SKU-${items.length}`, name: 'Widget, blue, large', qty: 2, price: 9.5 });
  }
  return JSON.stringify(body);
}
