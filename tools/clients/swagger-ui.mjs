// Swagger UI in a real headless Chromium (Debian chromium, driven by puppeteer-core), used as a developer would:
// load the page, Authorize with a bearer token, then Try it out → Execute on "list drugs", "create a patient"
// twice (editing only the MRN, as a person would) and "get the timeline" of the patient just created.
// Fails (exit 1) on any console error or page error, or when a call does not answer 2xx. Screenshots of every
// step go to OUT_DIR.
//
//   node swagger-ui.mjs BASE_URL TOKEN OUT_DIR [CHROMIUM]
import { mkdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

const [base, token, out, chromium = '/usr/bin/chromium'] = process.argv.slice(2);
if (!out) {
    console.error('usage: node swagger-ui.mjs BASE_URL TOKEN OUT_DIR [CHROMIUM]');
    process.exit(2);
}
mkdirSync(out, { recursive: true });
const failures = [];
const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
let shot = 0;
try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    page.setDefaultTimeout(20000);
    page.on('console', m => {
        if (m.type() === 'error') failures.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', e => failures.push(`page error: ${e.message}`));
    /** Types into a field in one input event (character-by-character typing of a token takes many seconds). */
    const typeInto = async (selector, text) => page.$eval(selector, (el, value) => {
        el.focus();
        el.select();
        document.execCommand('insertText', false, value);
    }, text);
    const screenshot = async (name) => page.screenshot({ path: `${out}/${String(++shot).padStart(2, '0')}-${name}.png`,
        fullPage: false });

    await page.goto(`${base}/q/swagger-ui/`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('.opblock');
    const operations = await page.$$eval('.opblock', els => els.length);
    await screenshot('loaded');

    // Authorize with the bearer token.
    await page.click('.btn.authorize');
    await page.waitForSelector('.modal-ux input');
    await typeInto('.modal-ux input', token);
    await page.click('.modal-ux .auth-btn-wrapper .btn.authorize');
    await page.waitForFunction(() => [...document.querySelectorAll('.modal-ux button')]
        .some(b => b.textContent.trim() === 'Logout'));
    await screenshot('authorized');
    await page.click('.modal-ux .close-modal');

    /** Opens an operation, presses Try it out, lets `fill` edit it, presses Execute; the live status and body. */
    async function tryIt(tag, operationId, name, fill = async () => {}, inspect = async () => {}) {
        const block = `#operations-${tag}-${operationId}`;
        await page.waitForSelector(block);
        if (!(await page.$(`${block}.is-open`))) {
            await page.click(`${block} .opblock-summary-control, ${block} .opblock-summary`);
        }
        await page.waitForSelector(`${block} .try-out__btn`);
        if (!(await page.$(`${block} .try-out__btn.cancel`))) {
            await page.click(`${block} .try-out__btn`);
        }
        await fill(block);
        await page.click(`${block} .btn.execute`);
        const statusCell = `${block} .live-responses-table .response .response-col_status`;
        await page.waitForSelector(statusCell);
        const status = Number((await page.$eval(statusCell, el => el.textContent)).trim().slice(0, 3));
        const body = await page.$eval(`${block} .live-responses-table .response .response-col_description pre`,
            el => el.textContent).catch(() => '');
        const element = await page.$(block);
        await element.scrollIntoView();
        await element.screenshot({ path: `${out}/${String(++shot).padStart(2, '0')}-${name}.png` });
        if (status < 200 || status > 299) {
            failures.push(`${operationId} (${name}) answered ${status}: ${body.slice(0, 300)}`);
        }
        await inspect(block);
        // Clear the answer so the next Execute of the same operation is read afresh.
        const clear = await page.$(`${block} .btn-clear`);
        if (clear) await clear.click();
        return { status, body };
    }

    /** Replaces the example MRN in the pre-filled request body, as a person would before pressing Execute. */
    const withMrn = (mrn) => async (block) => {
        const area = `${block} textarea.body-param__text`;
        await page.waitForSelector(area);
        const text = await page.$eval(area, el => el.value);
        await typeInto(area, text.replace(/"mrn"\s*:\s*"[^"]*"/, `"mrn": "${mrn}"`));
    };

    const drugs = await tryIt('Drugs', 'listDrugs', 'list-drugs');
    const run = Date.now().toString(36).toUpperCase();
    const first = await tryIt('Patients', 'createPatient', 'create-patient-1', withMrn(`SWAGGER-${run}-1`));
    const second = await tryIt('Patients', 'createPatient', 'create-patient-2', withMrn(`SWAGGER-${run}-2`));
    let patientId = '';
    try {
        patientId = JSON.parse(first.body).id ?? '';
    } catch {
        failures.push(`create patient answered no JSON body: ${first.body.slice(0, 200)}`);
    }
    const timeline = await tryIt('Clinical', 'getTimeline', 'get-timeline', async (block) => {
        const input = `${block} tr[data-param-name="patientId"] input`;
        await page.waitForSelector(input);
        await typeInto(input, patientId);
    });
    // The same operation as a picture: choose image/svg+xml as the response media type, as a person would; Swagger
    // UI sends it as Accept and shows the SVG it gets back (as highlighted source, with a Download button: Swagger
    // UI matches "xml" before "image/", so it does not draw it).
    const picture = await tryIt('Clinical', 'getTimeline', 'get-timeline-svg', async (block) => {
        const input = `${block} tr[data-param-name="patientId"] input`;
        await page.waitForSelector(input);
        await typeInto(input, patientId);
        await page.select(`${block} .responses-wrapper select.content-type`, 'image/svg+xml');
    });
    if (!picture.body.includes('<svg xmlns="http://www.w3.org/2000/svg"') || !picture.body.includes('data-status=')) {
        failures.push(`the SVG timeline was not shown in Swagger UI: ${picture.body.slice(0, 200)}`);
    }
    console.log(`swagger-ui: ${operations} operations shown; list drugs ${drugs.status}, create patient `
        + `${first.status} then ${second.status}, timeline ${timeline.status}, timeline as SVG ${picture.status} `
        + `(${picture.body.length} characters shown); screenshots in ${out}`);
} catch (e) {
    failures.push(`the walk-through could not finish: ${e.message}`);
} finally {
    await browser.close();
}
if (failures.length) {
    failures.forEach(f => console.error(`FAIL ${f}`));
    process.exit(1);
}
