// Opens notebooks/01-quickstart.ipynb in a running Jupyter Notebook server with Debian's headless Chromium
// (playwright-core; no browser download), runs every cell through the UI (menu Cell → Run All), waits for the last
// one, checks that the UMAP image and a Tablesaw table were rendered, that no cell failed and none shows a stderr box,
// and saves screenshots (quickstart.png: the window at the UMAP; quickstart-full.png: the whole notebook;
// quickstart-umap.png; quickstart-figNN.png: every figure).
//
// Usage: node run_quickstart.mjs NOTEBOOK_URL OUT_DIR   (NOTEBOOK_URL carries the server's ?token=)
// Prints "PASS <check>" / "FAIL <check>: why" lines; exit status 1 when a check failed. Called by BrowserQuickstartIT.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [url, outDir] = process.argv.slice(2);
if (!url || !outDir) {
  console.error('usage: node run_quickstart.mjs NOTEBOOK_URL OUT_DIR');
  process.exit(2);
}
const RUN_TIMEOUT_MS = Number(process.env.SCJAVA_BROWSER_RUN_TIMEOUT_MS || 300000);
const CHROMIUM = process.env.SCJAVA_CHROMIUM || '/usr/bin/chromium';
// As the issue asks: no sandbox (containers, root), no GPU, no network chatter, no first-run UI.
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
  page.on('pageerror', (e) => console.log('page error: ' + e.message));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#notebook-container .cell', { timeout: 60000 });
  // The kernel has started and answered when the indicator turns idle.
  await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout: 120000 });
  check('notebook opened and the scjava kernel is idle', true);
  const kernelName = await page.textContent('.kernel_indicator_name');
  check('the notebook runs on the scjava kernel', /scjava/.test(kernelName || ''), 'kernel shown: ' + kernelName);

  const codeCells = await page.locator('.code_cell').count();
  await page.click('#celllink');
  await page.click('#run_all_cells');
  const started = Date.now();
  // Done when every code cell shows its execution number ("In [7]:"), none is queued or running ("In [*]:").
  await page.waitForFunction(() => {
    const prompts = [...document.querySelectorAll('.code_cell .input_prompt')].map((p) => p.textContent.trim());
    return prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p));
  }, null, { timeout: RUN_TIMEOUT_MS, polling: 500 });
  await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout: 60000 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  check(`all ${codeCells} code cells ran through the UI (${seconds} s)`, true);

  const errors = await page.locator('.output_area .output_error').allTextContents();
  check('no cell shows an error', errors.length === 0, errors.join('\n---\n').slice(0, 2000));
  // log lines and warnings are not stderr: a successful run shows no red stderr box
  const stderr = await page.locator('.output_area .output_stderr').allTextContents();
  check('no stderr box', stderr.length === 0, stderr.join('\n---\n').slice(0, 2000));

  const umapCell = page.locator('.code_cell', { hasText: 'plotUmap("leiden")' });
  const umap = umapCell.locator('.output_png img[src^="data:image/png"]').first();
  const size = await umap.evaluate((img) => [img.naturalWidth, img.naturalHeight]).catch(() => [0, 0]);
  check('the UMAP image appears', size[0] >= 200 && size[1] >= 200, 'UMAP image size ' + size);
  if (size[0] > 0) {
    await umap.scrollIntoViewIfNeeded();
    await umap.screenshot({ path: path.join(outDir, 'quickstart-umap.png') });
  }

  const table = page.locator('.output_html .scjava-table table.dataframe').first();
  const rows = await table.locator('tbody tr').count().catch(() => 0);
  const header = rows > 0 ? await table.locator('thead tr').first().textContent() : '';
  check('a Tablesaw table appears', rows >= 5, 'rows: ' + rows);
  const crosstab = page.locator('.code_cell', { hasText: 'xTabCounts' }).locator('.scjava-table');
  const crosstabText = await crosstab.textContent().catch(() => '');
  check('the clusters x labels table appears', /T_CD4/.test(crosstabText) && /MNP/.test(crosstabText),
    (crosstabText || header).slice(0, 300));

  // every figure as a person sees it (quickstart-figNN.png), loaded and shown at its intended size
  const figures = page.locator('.output_png img[src^="data:image/png"]');
  const count = await figures.count();
  let small = [];
  for (let i = 0; i < count; i++) {
    const img = figures.nth(i);
    const s = await img.evaluate((e) => [e.naturalWidth, e.naturalHeight, e.width, e.height]);
    if (s[0] < 200 || s[2] < 150) small.push(`figure ${i + 1}: ${s}`);
    await img.scrollIntoViewIfNeeded();
    await img.screenshot({ path: path.join(outDir, `quickstart-fig${String(i + 1).padStart(2, '0')}.png`) });
  }
  check(`${count} figures shown and saved`, count >= 5 && small.length === 0, `${count} figures; ${small.join('; ')}`);

  await page.screenshot({ path: path.join(outDir, 'quickstart.png') });
  // The classic Notebook scrolls inside #site; unclip it for one picture of the whole executed notebook.
  await page.evaluate(() => {
    const site = document.getElementById('site');
    site.style.height = 'auto';
    site.style.overflow = 'visible';
    document.body.style.overflow = 'visible';
  });
  await page.screenshot({ path: path.join(outDir, 'quickstart-full.png'), fullPage: true });
  check('screenshots saved', fs.statSync(path.join(outDir, 'quickstart-full.png')).size > 100000, 'screenshot too small');
} catch (e) {
  check('browser session', false, e.stack || String(e));
  const page = context.pages()[0];
  if (page) await page.screenshot({ path: path.join(outDir, 'quickstart-failure.png'), fullPage: true }).catch(() => {});
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
