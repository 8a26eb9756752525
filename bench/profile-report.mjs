// Prints a saved profile (bench/results/profile-<time>.json) again, with today's stage rules.
// Usage: node bench/profile-report.mjs <profile.json>
import { readFile } from 'node:fs/promises';
import { formatProfile } from './profile.bench.mjs';

const results = JSON.parse(await readFile(process.argv[2], 'utf8'));
console.log(formatProfile(results));
