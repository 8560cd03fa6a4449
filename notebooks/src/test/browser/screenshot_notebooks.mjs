// Opens executed notebooks (HTML exported by nbconvert) in Debian's headless Chromium (playwright-core, no browser
// download), as a reader sees them, and checks what a person would: every figure is an image that loaded and is
// large enough to read, shown at its intended size; no output is a stderr box (the red box of an error or of log
// noise) and none is an error. Saves a screenshot of each figure (NAME-figNN.png) and of the whole notebook
// (NAME-full.png) into OUT_DIR for a person to look at.
//
// Usage: node screenshot_notebooks.mjs OUT_DIR NOTEBOOK.html...
// Prints "PASS <check>" / "FAIL <check>: why" lines and "FIGURES <name> <n>"; exit status 1 when a check failed.
// Called by TutorialNotebooksIT.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [outDir, ...pages] = process.argv.slice(2);
if (!outDir || pages.length === 0) {
  console.error('usage: node screenshot_notebooks.mjs OUT_DIR NOTEBOOK.html...');
  process.exit(2);
}
const CHROMIUM = process.env.SCJAVA_CHROMIUM || '/usr/bin/chromium';
// --headless and a fresh --user-data-dir are set by playwright (headless: true, launchPersistentContext).
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

let failed = 0;
function check(name, ok, why) {
  console.log((ok ? 'PASS ' : 'FAIL ') + name + (ok ? '' : ': ' + why));
  if (!ok) failed++;
}

fs.mkdirSync(outDir, { recursive: true });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'scjava-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 1000 },
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  for (const file of pages) {
    const name = path.basename(file).replace(/\.html$/, '');
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
    // nbconvert's lab template (jp-*) and classic template (output_*) name stderr and error outputs differently
    const stderr = await page.locator('[data-mime-type="application/vnd.jupyter.stderr"], .output_stderr')
      .allTextContents();
    check(`${name}: no stderr box`, stderr.length === 0, stderr.join('\n---\n').slice(0, 1500));
    const errors = await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"], '
      + '.output_error').allTextContents();
    check(`${name}: no error output`, errors.length === 0, errors.join('\n---\n').slice(0, 1500));
    const figures = page.locator('img[src^="data:image/png"]');
    const n = await figures.count();
    console.log(`FIGURES ${name} ${n}`);
    for (let i = 0; i < n; i++) {
      const img = figures.nth(i);
      const size = await img.evaluate((e) => [e.naturalWidth, e.naturalHeight, e.width, e.height]);
      const label = `${name}: figure ${i + 1}`;
      check(`${label} loaded (${size[0]}x${size[1]} px, shown ${size[2]}x${size[3]})`,
        size[0] >= 200 && size[1] >= 150 && size[2] >= 150, 'image too small or not decoded: ' + size);
      await img.scrollIntoViewIfNeeded();
      await img.screenshot({ path: path.join(outDir, `${name}-fig${String(i + 1).padStart(2, '0')}.png`) });
    }
    await page.screenshot({ path: path.join(outDir, `${name}-full.png`), fullPage: true });
  }
} catch (e) {
  check('browser session', false, e.stack || String(e));
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
