/**
 * The README's pictures (`docs/report.png`, `docs/inspector.png`), taken from real runs in
 * Debian's Chromium: `npx tsx scripts/screenshots.ts`. The browser tests take the same pages.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtInScenario, createWebhookSigner, peopleNames, simulate } from '../src/index.js';
import { nodeCrypto, pushNotifications, startReceiver } from '../src/delivery/http/index.js';
import {
  arrivalProfile,
  buildRunReport,
  readPushSummary,
  renderReportHtml,
} from '../src/report/index.js';
import UPNG from 'upng-js';
import { openBrowser } from '../test/support/browser.js';

const DOCS = new URL('../docs/', import.meta.url);
// The pages as they are now (the build bundles them into the modules imported above).
execFileSync(process.execPath, [fileURLToPath(new URL('build-pages.mjs', import.meta.url))]);
const SECRET = 'bXlfc2VjcmV0X2tleV90aGF0X2lzX2xvbmdfZW5vdWdoX29rIQ==';

await mkdir(DOCS, { recursive: true });
const browser = await openBrowser();
const page = await browser.context.newPage();
await page.setViewportSize({ width: 1100, height: 900 });

// The report: a day of contact-centre-day with every event, and a push of its first calls to a
// webhook that fails one request in ten.
const scenario = builtInScenario('contact-centre-day');
const report = await buildRunReport(simulate(scenario, { events: '*' }));
const receiver = await startReceiver({ secret: SECRET, failRate: 0.1, seed: 3, inspector: true });
const pushed = await pushNotifications(simulate(scenario, { events: 'channel.*', calls: 300 }), {
  url: receiver.url,
  secret: SECRET,
  speed: 'max',
  rate: 400,
  retry: { initialDelayMs: 200, maxDelayMs: 2000 },
});
const html = renderReportHtml(report, {
  title: 'contact-centre-day',
  profile: arrivalProfile(scenario.definition.name, scenario.definition.arrivals),
  push: readPushSummary(JSON.parse(JSON.stringify(pushed))),
  names: await peopleNames(scenario),
});
const file = fileURLToPath(new URL('../tmp/report.html', import.meta.url));
await mkdir(new URL('../tmp/', import.meta.url), { recursive: true });
await writeFile(file, html);
await page.goto(pathToFileURL(file).href);
await page.waitForSelector('body[data-ready="true"]');
await page.screenshot({ path: fileURLToPath(new URL('report.png', DOCS)), fullPage: true });

// The inspector, after that push and one request signed with the wrong secret.
const [first] = simulate(builtInScenario('warm-transfer'), { calls: 1, events: 'channel.*' });
const body = JSON.stringify(first);
const wrong = await createWebhookSigner('d3Jvbmdfc2VjcmV0X3RoYXRfaXNfbG9uZ19lbm91Z2hfb2sh', {
  crypto: nodeCrypto,
}).sign(body);
await fetch(receiver.url, {
  method: 'POST',
  headers: { 'content-type': 'application/cloudevents+json', 'vonage-signature': wrong },
  body,
}).then((response) => response.arrayBuffer());
await page.setViewportSize({ width: 1280, height: 760 });
await page.goto(receiver.inspectorUrl!);
await page.waitForSelector('#rows tr');
await page.locator('#rows tr', { hasText: 'channel.connected.v0' }).first().click();
await page.locator('#list').evaluate((list) => list.scrollTo(0, 0));
await page.screenshot({ path: fileURLToPath(new URL('inspector.png', DOCS)) });

await receiver.close();
await browser.close();

// 128 colours are plenty for flat charts: the pictures shrink to about 40% of their size.
for (const name of ['report.png', 'inspector.png']) {
  const path = new URL(name, DOCS);
  const png = await readFile(path);
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.length));
  const quantized = UPNG.encode(UPNG.toRGBA8(image), image.width, image.height, 128);
  await writeFile(path, Buffer.from(quantized));
}
console.log('wrote docs/report.png and docs/inspector.png');
