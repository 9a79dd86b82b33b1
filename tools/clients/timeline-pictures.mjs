// The timeline picture and the clinical summary as a person sees them: each seed history, a generated
// 300-episode history over 30 years and a history full of hostile text are loaded through the API, then the SVG
// and the HTML summary are opened in headless Debian chromium (with the service's own headers, so its
// Content-Security-Policy applies) and checked from the DOM:
//   - no two labels overlap, and every label lies inside the picture;
//   - every drug of the history has its row, named as the catalogue names it;
//   - the verdict in the header (SVG and HTML) is the status GET /assessment gives;
//   - the summary's lines table has a row per line of the JSON timeline;
//   - nothing the record holds as text runs as markup: no element the hostile text tried to inject exists, and no
//     script ran;
//   - the SVG holds no script and no external reference.
// Then it breaks one picture on purpose (moves a label onto another and removes a drug's row) and fails unless
// the same checks catch both. PNG screenshots go to OUT_DIR.
//
//   node timeline-pictures.mjs BASE_URL CLINICIAN_TOKEN FIXTURE_DIR OUT_DIR CHROMIUM
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import puppeteer from 'puppeteer-core';

const [base, token, fixtureDir, outDir, chromium] = process.argv.slice(2);
if (!chromium) {
    console.error('usage: node timeline-pictures.mjs BASE_URL CLINICIAN_TOKEN FIXTURE_DIR OUT_DIR CHROMIUM');
    process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const failures = [];
const runId = randomUUID().slice(0, 8);

async function api(method, path, body, accept = 'application/json') {
    for (let attempt = 0; ; attempt++) {
        const res = await fetch(base + path, {
            method,
            headers: {
                Authorization: `Bearer ${token}`, Accept: accept,
                ...(body ? { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() } : {}),
            },
            body: body ? JSON.stringify(body) : undefined,
        });
        if (res.status === 429 && attempt < 10) {
            await res.arrayBuffer();
            await new Promise(r => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
            continue;
        }
        const text = await res.text();
        if (res.status >= 300) {
            throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
        }
        return { res, text, json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
    }
}

/** Creates the patient and its record; returns the patient id. */
async function load(h) {
    const p = await api('POST', '/api/v1/patients', { ...h.patient, mrn: `${h.patient.mrn}-PIC-${runId}` });
    const id = p.json.id;
    const ids = new Map();
    for (const e of h.episodes) {
        const { key, ...body } = e;
        const created = await api('POST', `/api/v1/patients/${id}/episodes`, body);
        ids.set(key, created.json.id);
    }
    for (const ev of h.events ?? []) {
        const { episode, ...body } = ev;
        await api('POST', `/api/v1/patients/${id}/events`, { ...body, episodeId: episode ? ids.get(episode) : undefined });
    }
    for (const o of h.observations ?? []) {
        await api('POST', `/api/v1/patients/${id}/observations`, o);
    }
    for (const c of h.contraindications ?? []) {
        await api('POST', `/api/v1/patients/${id}/contraindications`, c);
    }
    return id;
}

/** A deterministic pseudo-random history: 300 episodes over 30 years, flares, CK. */
function generated() {
    let seed = 20261202;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = a => a[Math.floor(rnd() * a.length)];
    const drugs = [
        ['methotrexate', 'SC', 20, 'mg/wk'], ['azathioprine', 'ORAL', 150, 'mg/d'], ['mycophenolate', 'ORAL', 2000, 'mg/d'],
        ['ciclosporin', 'ORAL', 200, 'mg/d'], ['ivig', 'IV', 2, 'g/kg'], ['rituximab', 'IV', 1000, 'mg'],
        ['cyclophosphamide', 'IV', 750, 'mg/m2'], ['hydroxychloroquine', 'ORAL', 400, 'mg/d'],
        ['prednisolone', 'ORAL', 40, 'mg/d'], ['tacrolimus', 'ORAL', 4, 'mg/d'], ['tofacitinib', 'ORAL', 10, 'mg/d'],
    ];
    const stops = ['INEFFICACY', 'ADVERSE_EVENT', 'REMISSION', 'PATIENT_CHOICE', 'OTHER'];
    const day = d => new Date(Date.UTC(1996, 0, 1) + d * 86400000).toISOString().slice(0, 10);
    // Blocks as charts have them: a course of one drug, or a run of monthly infusions (IVIg, cyclophosphamide)
    // that crowd a row, each block ended for a reason; then scaled so that the 296 ended episodes fill 30 years,
    // with a maintenance drug and a glucocorticoid ongoing at the end.
    const span = 30 * 365 - 40;
    const raw = [];
    let t = 0;
    while (raw.length < 296) {
        const [drug, route, value, unit] = pick(drugs);
        const infusions = drug === 'ivig' || drug === 'cyclophosphamide';
        const count = infusions ? 4 + Math.floor(rnd() * 20) : 1;
        for (let k = 0; k < count && raw.length < 296; k++) {
            const length = infusions ? 4 : 30 + Math.floor(rnd() * 300);
            raw.push({ drug, route, dose: { value, unit }, start: t, length, last: k === count - 1 || raw.length === 295 });
            t += infusions ? 28 : length + 1;
        }
        t += Math.floor(rnd() * 60);
    }
    const scale = (span - 200) / t;
    const episodes = raw.map((e, i) => ({
        key: `e${i}`, drug: e.drug, route: e.route, dose: e.dose, startDate: day(Math.floor(e.start * scale)),
        endDate: day(Math.floor(e.start * scale) + Math.max(1, Math.floor(e.length * scale))),
        ...(e.last ? { stopReason: pick(stops), response: pick(['NONE', 'PARTIAL', 'MAJOR']) } : {}),
        notes: `generated episode ${i}`,
    }));
    episodes.push(
        { key: 'e296', drug: 'prednisolone', route: 'ORAL', dose: { value: 40, unit: 'mg/d' }, startDate: day(span - 150),
          doseChanges: [{ date: day(span - 100), dose: { value: 20, unit: 'mg/d' } }, { date: day(span - 50), dose: { value: 10, unit: 'mg/d' } }] },
        { key: 'e297', drug: 'methotrexate', route: 'SC', dose: { value: 20, unit: 'mg/wk' }, startDate: day(span - 150) },
        { key: 'e298', drug: 'hydroxychloroquine', route: 'ORAL', dose: { value: 400, unit: 'mg/d' }, startDate: day(span - 120) },
        { key: 'e299', drug: 'ivig', route: 'IV', dose: { value: 2, unit: 'g/kg' }, startDate: day(span - 90), endDate: day(span - 86) },
    );
    const events = [];
    for (let i = 0; i < 24; i++) {
        events.push({ date: day(Math.floor(rnd() * span)), type: pick(['FLARE', 'RELAPSE', 'REMISSION']), domain: 'GLOBAL' });
    }
    const observations = [];
    for (let i = 0; i < 40; i++) {
        observations.push({ date: day(Math.floor(i * span / 40)), type: 'CK_U_PER_L', value: Math.floor(200 + rnd() * 9000) });
    }
    return {
        seed: 'generated-300', patient: {
            mrn: 'GEN-300', birthDate: '1960-05-05', sex: 'female', subtype: 'CLASSIC', diagnosisDate: '1996-01-01',
            features: ['SKIN', 'MUSCLE'], weightKg: 70, heightCm: 168,
        }, episodes, events, observations,
    };
}

/** Markup and script in every free-text field the record has. */
function hostile() {
    const evil = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><b id="injected">x</b>"'&`;
    return {
        seed: 'hostile-text', patient: {
            mrn: 'HOSTILE', birthDate: '1970-01-01', sex: 'male', subtype: 'CLASSIC',
            diagnosisDate: '2020-01-01', features: ['SKIN'], weightKg: 80, heightCm: 180,
        }, episodes: [
            { key: 'p', drug: 'prednisolone', route: 'ORAL', dose: { value: 60, unit: 'mg/d' }, startDate: '2020-01-01', notes: evil },
            { key: 'm', drug: 'methotrexate', route: 'SC', dose: { value: 20, unit: 'mg/wk' }, startDate: '2020-02-01',
              endDate: '2020-09-30', stopReason: 'INEFFICACY', response: 'NONE', notes: evil },
        ], events: [], observations: [],
        contraindications: [{ kind: 'AVOID_DRUG', drug: 'cyclophosphamide', since: '2020-01-01', reason: evil }],
    };
}

/** Runs in the page: every label's box, and the rows' drugs. */
function measure() {
    const svg = document.querySelector('svg');
    const frame = svg.getBoundingClientRect();
    const labels = [...svg.querySelectorAll('text')].map(t => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }).filter(b => b.right - b.left > 0);
    const rows = [...svg.querySelectorAll('text[data-drug]')].map(t => ({ drug: t.getAttribute('data-drug'), text: t.textContent }));
    const verdict = svg.querySelector('text.verdict');
    return {
        frame: { left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom }, labels, rows,
        verdict: verdict ? { status: verdict.getAttribute('data-status'), text: verdict.textContent } : null,
        scripts: document.querySelectorAll('script').length,
        external: [...svg.querySelectorAll('*')].filter(e => e.hasAttribute('href') || e.hasAttributeNS('http://www.w3.org/1999/xlink', 'href')).length,
        injected: document.querySelectorAll('#injected, #injected-mrn, img').length,
        pwned: window.__pwned ?? null,
    };
}

/** The checks, on what measure() returned; a list of problems. */
function judge(name, m, expect) {
    const problems = [];
    const tol = 0.5;
    for (let i = 0; i < m.labels.length; i++) {
        const a = m.labels[i];
        if (a.left < m.frame.left - tol || a.right > m.frame.right + tol || a.top < m.frame.top - tol || a.bottom > m.frame.bottom + tol) {
            problems.push(`${name}: label "${a.text}" runs outside the picture`);
        }
        for (let j = i + 1; j < m.labels.length; j++) {
            const b = m.labels[j];
            if (a.left < b.right - tol && b.left < a.right - tol && a.top < b.bottom - tol && b.top < a.bottom - tol) {
                problems.push(`${name}: labels "${a.text}" and "${b.text}" overlap`);
            }
        }
    }
    for (const [code, label] of expect.drugs) {
        const row = m.rows.find(r => r.drug === code);
        if (!row) {
            problems.push(`${name}: drug ${code} is missing from the picture`);
        } else if (!(row.text === label || (row.text.endsWith('…') && label.startsWith(row.text.slice(0, -1))))) {
            problems.push(`${name}: drug ${code} is labelled "${row.text}", not "${label}"`);
        }
    }
    if (!m.verdict || m.verdict.status !== expect.status) {
        problems.push(`${name}: header verdict ${m.verdict?.status} but /assessment says ${expect.status}`);
    } else if (!m.verdict.text.toLowerCase().includes(expect.status.toLowerCase().replaceAll('_', ' '))) {
        problems.push(`${name}: header reads "${m.verdict.text}", not ${expect.status}`);
    }
    if (m.scripts > 0 || m.external > 0 || m.injected > 0 || m.pwned !== null) {
        problems.push(`${name}: ${m.scripts} scripts, ${m.external} external references, ${m.injected} injected elements, pwned=${m.pwned}`);
    }
    return problems;
}

const browser = await puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
});
const summary = [];
try {
    const catalogue = (await api('GET', '/api/v1/drugs')).json;
    const names = new Map((catalogue.items ?? catalogue).map(d => [d.code, d.name]));
    const histories = readdirSync(fixtureDir).filter(f => f.startsWith('seed-') && f.endsWith('.json')).sort()
        .map(f => ({ ...JSON.parse(readFileSync(`${fixtureDir}/${f}`, 'utf8')), file: f.replace(/\.json$/, '') }));
    histories.push(generated(), hostile());
    let broken = false;
    for (const h of histories) {
        const name = h.file ?? h.seed;
        const id = await load(h);
        // Drawn as of the fixture's latest dated expectation (the history as the case report tells it), else today.
        const asOf = (h.expectations ?? []).map(x => x.asOf).filter(a => a !== 'today').sort().pop();
        const q = asOf ? `asOf=${asOf}` : '';
        const assessment = (await api('GET', `/api/v1/patients/${id}/assessment?${q}`)).json;
        const timeline = (await api('GET', `/api/v1/patients/${id}/timeline?${q}`)).json;
        const drugs = new Map([...new Set(h.episodes.filter(e => !asOf || e.startDate <= asOf).map(e => e.drug))]
            .map(c => [c, names.get(c)]));
        const expect = { status: assessment.status, drugs };

        const page = await browser.newPage();
        await page.setViewport({ width: 1200, height: 900 });
        await page.setExtraHTTPHeaders({ Authorization: `Bearer ${token}` });
        const svgRes = await page.goto(`${base}/api/v1/patients/${id}/timeline?format=svg&${q}`, { waitUntil: 'load' });
        if (svgRes.status() !== 200 || !svgRes.headers()['content-type'].startsWith('image/svg+xml')) {
            failures.push(`${name}: SVG answered ${svgRes.status()} ${svgRes.headers()['content-type']}`);
        }
        const svgText = await svgRes.text();
        if (/<script|href=|url\(/i.test(svgText)) {
            failures.push(`${name}: the SVG holds a script or an external reference`);
        }
        // A page without its picture is a failure to report with what came back, not a crash of the gate.
        if (!(await page.waitForSelector('svg', { timeout: 10000 }).catch(() => null))) {
            failures.push(`${name}: no svg element in the answer (${svgRes.status()} ${svgRes.headers()['content-type']}): ${svgText.slice(0, 300)}`);
            await page.close();
            continue;
        }
        const m = await page.evaluate(measure);
        const problems = judge(`${name} (svg)`, m, expect);
        failures.push(...problems);
        await (await page.$('svg')).screenshot({ path: `${outDir}/${name}.png` });
        writeFileSync(`${outDir}/${name}.svg`, svgText);

        // The deliberate break, once: the same checks must catch a label moved onto another and a drug removed.
        if (!broken && problems.length === 0 && m.rows.length >= 2) {
            broken = true;
            await page.evaluate(breakOnPurpose, m.rows[1].drug);
            const b = await page.evaluate(measure);
            const caught = judge(`${name} (broken on purpose)`, b, expect);
            const overlap = caught.some(p => p.includes('overlap'));
            const missing = caught.some(p => p.includes(`drug ${m.rows[1].drug} is missing`));
            if (!overlap || !missing) {
                failures.push(`the deliberate break of ${name} was not caught (overlap: ${overlap}, missing drug: ${missing})`);
            } else {
                summary.push(`deliberate break of ${name} caught: ${caught.length} problems, e.g. ${caught[0]}`);
            }
            await page.screenshot({ path: `${outDir}/${name}-broken-on-purpose.png`, fullPage: true });
        }

        const htmlRes = await page.goto(`${base}/api/v1/patients/${id}/timeline?${q}`, { waitUntil: 'load' });
        if (htmlRes.status() !== 200 || !htmlRes.headers()['content-type'].startsWith('text/html')) {
            failures.push(`${name}: the browser's own Accept got ${htmlRes.status()} ${htmlRes.headers()['content-type']}, not the HTML summary`);
        }
        // As for the picture: a summary without its figure is reported with what came back, not a crash of the gate.
        if (!(await page.waitForSelector('figure svg', { timeout: 10000 }).catch(() => null))) {
            const text = await htmlRes.text().catch(() => '(no body)');
            failures.push(`${name} (html): no figure with the picture (${htmlRes.status()} ${htmlRes.headers()['content-type']}, `
                + `${page.url()}): ${text.slice(0, 300)}`);
            await page.close();
            continue;
        }
        const page2 = await page.evaluate(() => ({
            verdict: document.querySelector('#verdict')?.getAttribute('data-status'),
            lines: document.querySelectorAll('#lines tbody tr').length,
            variants: document.querySelectorAll('#definitions tbody tr').length,
            svgs: document.querySelectorAll('figure svg').length,
            scripts: document.querySelectorAll('script').length,
            injected: document.querySelectorAll('#injected, #injected-mrn, img').length,
            pwned: window.__pwned ?? null,
            external: [...document.querySelectorAll('link, [src], [href]')].length,
        }));
        const html = judge(`${name} (html)`, await page.evaluate(measure), expect).filter(p => !p.includes('runs outside'));
        failures.push(...html);
        if (page2.verdict !== assessment.status) failures.push(`${name} (html): verdict ${page2.verdict}, /assessment ${assessment.status}`);
        if (page2.lines !== Math.max(1, timeline.lines.length)) failures.push(`${name} (html): ${page2.lines} line rows for ${timeline.lines.length} lines`);
        if (page2.variants !== assessment.variants.length) failures.push(`${name} (html): ${page2.variants} definitions, expected ${assessment.variants.length}`);
        if (page2.svgs !== 1 || page2.scripts || page2.injected || page2.pwned !== null || page2.external) {
            failures.push(`${name} (html): ${JSON.stringify(page2)}`);
        }
        await page.screenshot({ path: `${outDir}/${name}-summary.png`, fullPage: true });
        await page.emulateMediaType('print');
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        writeFileSync(`${outDir}/${name}-summary.pdf`, pdf);
        await page.close();
        summary.push(`${name}${asOf ? ' as of ' + asOf : ''}: ${h.episodes.length} episodes, ${timeline.lines.length} lines, ${m.labels.length} labels, verdict ${assessment.status}, svg ${svgText.length} bytes`);
    }
} finally {
    await browser.close();
}

/** Runs in the page: moves the first drug label onto the second and removes the given drug's row. */
function breakOnPurpose(drug) {
    const labels = [...document.querySelectorAll('svg text[data-drug]')];
    labels[0].setAttribute('x', labels[1].getAttribute('x'));
    labels[0].setAttribute('y', labels[1].getAttribute('y'));
    document.querySelectorAll(`svg text[data-drug="${drug}"]`).forEach(t => t.removeAttribute('data-drug'));
}

summary.forEach(s => console.log(s));
if (failures.length > 0) {
    failures.slice(0, 60).forEach(f => console.error(`FAIL ${f}`));
    console.error(`${failures.length} problems (screenshots in ${outDir})`);
    process.exit(1);
}
console.log(`timeline pictures: every check passed; screenshots in ${outDir}`);
