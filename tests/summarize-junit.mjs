// Sums JUnit XML reports (CTest's and node:test's) into the closing line
// "N passed, N failed[, N skipped]" and exits 1 when any test failed or a
// report is missing or empty (each counts as one failure).
import { readFileSync, existsSync } from 'node:fs';

function countTestcases(xml) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const testcase = /<testcase\b[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g;

  for (const match of xml.matchAll(testcase)) {
    const body = match[1] ?? '';
    const tag = match[0];
    if (/<(failure|error)\b/.test(body)) counts.failed += 1;
    else if (/<skipped\b/.test(body) || /status="(notrun|disabled)"/.test(tag)) counts.skipped += 1;
    else counts.passed += 1;
  }
  return counts;
}

const total = { passed: 0, failed: 0, skipped: 0 };
let missing = 0;

for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`summarize-junit: report ${file} is missing; its suite did not run`);
    missing += 1;
    continue;
  }
  const counts = countTestcases(readFileSync(file, 'utf8'));
  if (counts.passed + counts.failed + counts.skipped === 0) {
    console.error(`summarize-junit: report ${file} contains no test case, so its suite found nothing to run`);
    missing += 1;
  }
  for (const key of Object.keys(total)) total[key] += counts[key];
}

let line = `${total.passed} passed, ${total.failed + missing} failed`;
if (total.skipped > 0) line += `, ${total.skipped} skipped`;
console.log(line);
process.exit(total.failed + missing > 0 || total.passed === 0 ? 1 : 0);
