// A realistic integrator session sent through Prism running as a validating proxy in front of the service
// (scripts/client-gates.sh starts both). Prism checks every request and every response against the committed
// contract and reports what disagrees in the `sl-violations` response header.
//
// The gate fails when
//   - any response disagrees with the contract (whatever the request),
//   - a request meant to be valid disagrees with the contract,
//   - a request that breaks the schema on purpose is NOT flagged by Prism (requests Prism cannot judge, such as
//     unparsable or oversized bodies, are marked 'unjudged' and only their answer counts),
//   - any call answers another status than expected,
//   - an operation of the contract, or an error status the session is meant to show, was never exercised.
//
//   node prism-session.mjs PROXY_URL CONTRACT CLINICIAN_TOKEN VIEWER_TOKEN INTEGRATION_TOKEN BURST_TOKEN
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import yaml from 'js-yaml';

const [base, contractPath, clinician, viewer, integration, burst, auditor] = process.argv.slice(2);
if (!burst) {
    console.error('usage: node prism-session.mjs PROXY_URL CONTRACT CLINICIAN VIEWER INTEGRATION BURST_TOKEN');
    process.exit(2);
}
// CORE_SCHEMA keeps dates as the strings the contract shows (the default schema would make them Date objects).
const contract = yaml.load(readFileSync(contractPath, 'utf8'), { schema: yaml.CORE_SCHEMA });
const failures = [];
const exercised = new Set();
const statuses = new Map();
let requests = 0;

/** The first example of an operation's request body for a media type, deep-copied. */
function example(operationId, mediaType = 'application/json') {
    for (const item of Object.values(contract.paths)) {
        for (const op of Object.values(item)) {
            if (op && op.operationId === operationId) {
                const content = op.requestBody.content[mediaType];
                return structuredClone(Object.values(content.examples)[0].value);
            }
        }
    }
    throw new Error(`no example for ${operationId} ${mediaType}`);
}

/**
 * Sends one request through the proxy. `expect` is the status (or list of statuses) the service must answer;
 * `invalid` marks a request that breaks the contract on purpose (true: Prism must flag it; 'unjudged': see above).
 */
async function call(operationId, method, path, { token = clinician, headers = {}, body, type = 'application/json',
    expect, invalid = false, raw = false } = {}) {
    const h = { ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    let payload;
    if (body !== undefined) {
        payload = raw || typeof body === 'string' ? body : JSON.stringify(body);
        if (!('Content-Type' in h)) h['Content-Type'] = type;
    }
    let res;
    for (let attempt = 0; ; attempt++) {
        requests++;
        res = await fetch(base + path, { method, headers: h, body: payload });
        // A well-behaved client honours 429 + Retry-After (the service runs with a rate limit in this gate).
        if (res.status === 429 && !(Array.isArray(expect) ? expect : [expect]).includes(429) && attempt < 5) {
            await res.arrayBuffer();
            await new Promise(r => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
            continue;
        }
        break;
    }
    const text = await res.text();
    exercised.add(operationId);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const where = `${method} ${path.length > 90 ? path.slice(0, 90) + '…' : path} (${operationId})`;
    const violations = JSON.parse(res.headers.get('sl-violations') ?? '[]');
    const requestViolations = violations.filter(v => v.location?.[0] === 'request');
    const responseViolations = violations.filter(v => v.location?.[0] !== 'request');
    for (const v of responseViolations) {
        failures.push(`${where}: response ${res.status} violates the contract at ${v.location?.join('.')}: ${v.message}`);
    }
    // invalid: true = Prism must flag the request; false = it must not; 'unjudged' = Prism cannot judge this
    // request (an unparsable or oversized body, a media type it does not check), so only the answer counts.
    if (invalid === true && requestViolations.length === 0) {
        failures.push(`${where}: a request that breaks the contract was not flagged`);
    }
    if (invalid === false) {
        for (const v of requestViolations) {
            failures.push(`${where}: request violates the contract at ${v.location?.join('.')}: ${v.message}`);
        }
    }
    const wanted = Array.isArray(expect) ? expect : [expect];
    if (expect !== undefined && !wanted.includes(res.status)) {
        failures.push(`${where}: answered ${res.status}, expected ${wanted.join(' or ')}: ${text.slice(0, 300)}`);
    }
    let json;
    try {
        json = text ? JSON.parse(text) : undefined;
    } catch {
        json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
}

const idem = () => ({ 'Idempotency-Key': randomUUID() });
const run = randomUUID().slice(0, 8);

// --- discovery and reference data ------------------------------------------------------------------------------
await call('cdsDiscovery', 'GET', '/cds-services', { token: null, expect: 200 });
await call('listDrugs', 'GET', '/api/v1/drugs', { expect: 200 });
await call('getDrug', 'GET', '/api/v1/drugs/methotrexate', { expect: 200 });
await call('getDrug', 'GET', '/api/v1/drugs/no-such-drug', { expect: 404 });
await call('getRules', 'GET', '/api/v1/rules', { expect: 200 });

// --- a patient: create, replay, conflicts --------------------------------------------------------------------
const patientBody = { ...example('createPatient'), mrn: `PRISM-${run}` };
const key = idem();
const created = await call('createPatient', 'POST', '/api/v1/patients', { headers: key, body: patientBody, expect: 201 });
const pid = created.json.id;
await call('createPatient', 'POST', '/api/v1/patients', { headers: key, body: patientBody, expect: 201 });
await call('createPatient', 'POST', '/api/v1/patients', { headers: key, body: { ...patientBody, sex: 'male' }, expect: 422 });
await call('createPatient', 'POST', '/api/v1/patients', { headers: idem(), body: patientBody, expect: 409 });
await call('createPatient', 'POST', '/api/v1/patients', { headers: idem(), body: { ...patientBody, mrn: undefined },
    expect: 400, invalid: true });
await call('createPatient', 'POST', '/api/v1/patients', { headers: idem(), body: '{"mrn":', raw: true, expect: 400,
    invalid: 'unjudged' });
await call('createPatient', 'POST', '/api/v1/patients', { headers: idem(), body: 'mrn=x', type: 'text/plain',
    expect: 415, invalid: 'unjudged' });
await call('listPatients', 'GET', '/api/v1/patients?page=0&size=5', { expect: 200 });
await call('listPatients', 'GET', '/api/v1/patients?page=-1', { expect: 400, invalid: true });
let got = await call('getPatient', 'GET', `/api/v1/patients/${pid}`, { expect: 200 });
await call('getPatient', 'GET', `/api/v1/patients/${randomUUID()}`, { expect: 404 });
await call('getPatient', 'GET', `/api/v1/patients/${pid}`, { headers: { Accept: 'text/csv' }, expect: 406 });
await call('getPatient', 'GET', `/api/v1/patients/${pid}`, { headers: { Accept: 'application/problem+json' },
    expect: 200 });
await call('replacePatient', 'PUT', `/api/v1/patients/${pid}`, { body: patientBody, expect: 428, invalid: true });
await call('replacePatient', 'PUT', `/api/v1/patients/${pid}`, { headers: { 'If-Match': '"999"' }, body: patientBody,
    expect: 412 });
got = await call('replacePatient', 'PUT', `/api/v1/patients/${pid}`, { headers: { 'If-Match': got.headers.get('etag') },
    body: { ...patientBody, heightCm: 166 }, expect: 200 });
got = await call('patchPatient', 'PATCH', `/api/v1/patients/${pid}`, { headers: { 'If-Match': got.headers.get('etag') },
    body: example('patchPatient', 'application/merge-patch+json'), type: 'application/merge-patch+json', expect: 200 });

// --- roles -----------------------------------------------------------------------------------------------------
await call('listPatients', 'GET', '/api/v1/patients', { token: null, expect: 401, invalid: true });
await call('listPatients', 'GET', '/api/v1/patients', { token: 'not.a.token', expect: 401 });
await call('createPatient', 'POST', '/api/v1/patients', { token: viewer, headers: idem(),
    body: { ...patientBody, mrn: `PRISM-${run}-V` }, expect: 403 });

// --- the treatment history -------------------------------------------------------------------------------------
const ep = (p) => `/api/v1/patients/${pid}/episodes${p ?? ''}`;
const pred = await call('createEpisode', 'POST', ep(), { headers: idem(), body: example('createEpisode'), expect: 201 });
const mtx = await call('createEpisode', 'POST', ep(), { headers: idem(), expect: 201, body: {
    drug: 'methotrexate', route: 'SC', dose: { value: 20, unit: 'mg/wk' }, startDate: '2024-01-15' } });
await call('createEpisode', 'POST', ep(), { headers: idem(), expect: 400, body: {
    drug: 'no-such-drug', route: 'ORAL', dose: { value: 1, unit: 'mg/d' }, startDate: '2024-01-15' } });
await call('createEpisode', 'POST', `/api/v1/patients/${randomUUID()}/episodes`, { headers: idem(), expect: 404,
    body: example('createEpisode') });
await call('listEpisodes', 'GET', ep(), { expect: 200 });
let mtxGot = await call('getEpisode', 'GET', ep(`/${mtx.json.id}`), { expect: 200 });
mtxGot = await call('replaceEpisode', 'PUT', ep(`/${mtx.json.id}`), { headers: { 'If-Match': mtxGot.headers.get('etag') },
    body: { drug: 'methotrexate', route: 'SC', dose: { value: 25, unit: 'mg/wk' }, startDate: '2024-01-15' }, expect: 200 });
mtxGot = await call('patchEpisode', 'PATCH', ep(`/${mtx.json.id}`), { headers: { 'If-Match': mtxGot.headers.get('etag') },
    body: example('patchEpisode', 'application/merge-patch+json'), type: 'application/merge-patch+json', expect: 200 });
await call('patchEpisode', 'PATCH', ep(`/${mtx.json.id}`), { headers: { 'If-Match': mtxGot.headers.get('etag') },
    body: { notes: 'x' }, expect: 415, invalid: 'unjudged' });

const as = (p) => ep(`/${mtx.json.id}/assessments${p ?? ''}`);
const a = await call('createEpisodeAssessment', 'POST', as(), { headers: idem(), expect: 201,
    body: { ...example('createEpisodeAssessment'), date: '2024-06-01' } });
await call('listEpisodeAssessments', 'GET', as(), { expect: 200 });
const aGot = await call('getEpisodeAssessment', 'GET', as(`/${a.json.id}`), { expect: 200 });
await call('createEpisodeAssessment', 'POST', as(), { headers: idem(), expect: 400, invalid: true,
    body: { date: '2024-06-02', category: 'MAYBE', instrument: 'INVESTIGATOR' } });

const sub = async (name, createOp, listOp, getOp, deleteOp, replaceOp, replaceBody) => {
    const path = (p) => `/api/v1/patients/${pid}/${name}${p ?? ''}`;
    const c = await call(createOp, 'POST', path(), { headers: idem(), body: example(createOp), expect: 201 });
    await call(listOp, 'GET', path(), { expect: 200 });
    let g = await call(getOp, 'GET', path(`/${c.json.id}`), { expect: 200 });
    if (replaceOp) {
        g = await call(replaceOp, 'PUT', path(`/${c.json.id}`), { headers: { 'If-Match': g.headers.get('etag') },
            body: replaceBody ?? example(replaceOp), expect: 200 });
    }
    await call(deleteOp, 'DELETE', path(`/${c.json.id}`), { expect: 428, invalid: true });
    await call(deleteOp, 'DELETE', path(`/${c.json.id}`), { headers: { 'If-Match': g.headers.get('etag') }, expect: 204 });
    await call(getOp, 'GET', path(`/${c.json.id}`), { expect: 404 });
};
await sub('events', 'createEvent', 'listEvents', 'getEvent', 'deleteEvent');
await sub('observations', 'createObservation', 'listObservations', 'getObservation', 'deleteObservation');
await sub('features', 'createFeature', 'listFeatures', 'getFeature', 'deleteFeature', 'replaceFeature');
await sub('contraindications', 'createContraindication', 'listContraindications', 'getContraindication',
    'deleteContraindication', 'replaceContraindication');
await call('createEvent', 'POST', `/api/v1/patients/${pid}/events`, { headers: idem(), body: example('createEvent'),
    expect: 201 });
await call('createObservation', 'POST', `/api/v1/patients/${pid}/observations`, { headers: idem(),
    body: example('createObservation'), expect: 201 });

// --- derived views -----------------------------------------------------------------------------------------------
const timeline = await call('getTimeline', 'GET', `/api/v1/patients/${pid}/timeline`, { expect: 200 });
await call('getTimeline', 'GET', `/api/v1/patients/${pid}/timeline`,
    { headers: { 'If-None-Match': timeline.headers.get('etag') }, expect: 304 });
await call('getTimeline', 'GET', `/api/v1/patients/${pid}/timeline?asOf=2024-02-01`, { expect: 200 });
// The picture and the summary: Prism checks each media type and its headers against the contract.
const picture = await call('getTimeline', 'GET', `/api/v1/patients/${pid}/timeline`,
    { headers: { Accept: 'image/svg+xml' }, expect: 200 });
await call('getTimeline', 'GET', `/api/v1/patients/${pid}/timeline`,
    { headers: { Accept: 'image/svg+xml', 'If-None-Match': picture.headers.get('etag') }, expect: 304 });
await call('getTimeline', 'GET', `/api/v1/patients/${pid}/timeline?from=2024-01-01`,
    { headers: { Accept: 'text/html' }, expect: 200 });
await call('getTimeline', 'GET', `/api/v1/patients/${pid}/timeline?format=svg`, { expect: 200 });
await call('getTimeline', 'GET', `/api/v1/patients/${pid}/timeline?format=png`, { expect: 400, invalid: true });
await call('getAssessment', 'GET', `/api/v1/patients/${pid}/assessment`, { expect: 200 });
await call('getAssessment', 'GET', `/api/v1/patients/${pid}/assessment?asOf=2024-13-45`, { expect: 400, invalid: true });
await call('getHistory', 'GET', `/api/v1/patients/${pid}/history`, { expect: 200 });
await call('getCohortOutcomes', 'GET', '/api/v1/cohorts/outcomes?drug=methotrexate', { token: viewer, expect: 200 });

// --- FHIR --------------------------------------------------------------------------------------------------------
const bundle = await call('exportPatientFhir', 'GET', `/api/v1/patients/${pid}/fhir`, { expect: 200 });
await call('importFhirBundle', 'POST', '/api/v1/fhir', { body: bundle.json, type: 'application/fhir+json', expect: 200 });
const tx = example('importFhirBundle', 'application/fhir+json');
tx.entry[0].resource.identifier[0].value = `PRISM-${run}-FHIR`;
await call('importFhirBundle', 'POST', '/api/v1/fhir', { body: tx, type: 'application/fhir+json', expect: 200 });
await call('importFhirBundle', 'POST', '/api/v1/fhir', { body: { resourceType: 'Bundle', type: 'transaction',
    entry: [{ resource: { resourceType: 'Patient', gender: 'female' } }] }, type: 'application/fhir+json', expect: 422 });
const ndjson = example('importFhirNdjson', 'application/fhir+ndjson').replaceAll('MRN-000123', `PRISM-${run}-ND`);
await call('importFhirNdjson', 'POST', '/api/v1/fhir/$import', { token: integration, body: ndjson,
    type: 'application/fhir+ndjson', expect: 200 });
await call('importFhirNdjson', 'POST', '/api/v1/fhir/$import', { token: clinician, body: ndjson,
    type: 'application/fhir+ndjson', expect: 403 });
await call('exportFhirNdjson', 'GET', '/api/v1/fhir/$export', { token: integration, expect: 200 });

// --- asynchronous bulk data: kick-off, poll, manifest, download, cancel (docs/bulk-data.md) ---------------------
async function finished(statusPath) {
    for (let i = 0; i < 240; i++) {
        const r = await call('getBulkJobStatus', 'GET', statusPath, { token: integration, expect: [200, 202] });
        if (r.status === 200) return r.json;
        await new Promise(resolve => setTimeout(resolve, 500));
    }
    failures.push(`bulk job ${statusPath} did not finish within two minutes`);
    return { output: [], error: [] };
}
const bulkImport = await call('importFhirNdjson', 'POST', '/api/v1/fhir/$import', { token: integration,
    body: ndjson.replaceAll(`PRISM-${run}-ND`, `PRISM-${run}-BULK`).replaceAll('"rx-881"', `"rx-${run}-bulk"`),
    type: 'application/fhir+ndjson',
    headers: { Prefer: 'respond-async' }, expect: 202 });
const importStatus = new URL(bulkImport.headers.get('content-location')).pathname;
const importManifest = await finished(importStatus);
if (importManifest.importSummary?.patientsWritten !== 1) {
    failures.push(`bulk import manifest: expected one patient written, got ${JSON.stringify(importManifest)}`);
}
const bulkExport = await call('exportFhirNdjson', 'GET', `/api/v1/fhir/$export?_type=Patient&patient=${pid}`, {
    token: integration, headers: { Prefer: 'respond-async', Accept: 'application/fhir+json' }, expect: 202 });
const exportStatus = new URL(bulkExport.headers.get('content-location')).pathname;
const exportManifest = await finished(exportStatus);
for (const file of exportManifest.output) {
    const lines = await call('getBulkJobFile', 'GET', new URL(file.url).pathname, { token: integration, expect: 200 });
    if (lines.text.trim().split('\n').length !== file.count) failures.push(`bulk file ${file.url}: not ${file.count} lines`);
}
await call('getBulkJobFile', 'GET', `${exportStatus}/files/CarePlan.ndjson`, { token: integration, expect: 404 });
await call('getBulkJobStatus', 'GET', exportStatus, { token: viewer, expect: 403 });
await call('cancelBulkJob', 'DELETE', importStatus, { token: integration, expect: 202 });
await call('getBulkJobStatus', 'GET', importStatus, { token: integration, expect: 404 });
await call('cancelBulkJob', 'DELETE', importStatus, { token: integration, expect: 404 });

// --- CDS Hooks ---------------------------------------------------------------------------------------------------
const hook = example('cdsPatientView');
hook.prefetch.patient.identifier[0].value = patientBody.mrn;
await call('cdsPatientView', 'POST', '/cds-services/myoline-refractoriness', { body: hook, expect: 200 });
await call('cdsPatientView', 'POST', '/cds-services/myoline-refractoriness', { body: { hook: 'patient-view', prefetch: hook.prefetch },
    expect: 400, invalid: true });

// --- audit: the access log and AuditEvents (auditor only) --------------------------------------------------------
await call('getAccessLog', 'GET', `/api/v1/patients/${pid}/access-log?size=5`, { token: auditor, expect: 200 });
await call('getAccessLog', 'GET', `/api/v1/patients/${pid}/access-log`, { token: viewer, expect: 403 });
await call('searchAuditEvents', 'GET', `/api/v1/fhir/AuditEvent?patient=Patient/${pid}&_count=5`, { token: auditor,
    headers: { Accept: 'application/fhir+json' }, expect: 200 });
await call('searchAuditEvents', 'GET', `/api/v1/fhir/AuditEvent?patient=${pid}&_format=ndjson`, { token: auditor, expect: 200 });
await call('searchAuditEvents', 'GET', `/api/v1/fhir/AuditEvent?patient=${pid}&date=sometime`, { token: auditor,
    expect: 400, invalid: true });

// --- limits at the edge ------------------------------------------------------------------------------------------
await call('createPatient', 'POST', '/api/v1/patients', { headers: idem(), body: { ...patientBody,
    mrn: `PRISM-${run}-BIG`, padding: 'x'.repeat(2 * 1024 * 1024) }, expect: 413, invalid: 'unjudged' });
await call('listDrugs', 'GET', `/api/v1/drugs?q=${'a'.repeat(9000)}`, { expect: 414 });
await call('listDrugs', 'GET', '/api/v1/drugs', { headers: { 'X-Filler': 'h'.repeat(40 * 1024) }, expect: 431 });
const burstAnswers = await Promise.all(Array.from({ length: 80 }, () =>
    call('getRules', 'GET', '/api/v1/rules', { token: burst, expect: [200, 429] })));
if (!burstAnswers.some(r => r.status === 429)) {
    failures.push('a burst of 80 parallel requests in a second was never answered 429');
}

// --- clean up: delete what this session created --------------------------------------------------------------
await call('deleteEpisodeAssessment', 'DELETE', as(`/${a.json.id}`), { headers: { 'If-Match': aGot.headers.get('etag') },
    expect: 204 });
const predGot = await call('getEpisode', 'GET', ep(`/${pred.json.id}`), { expect: 200 });
await call('deleteEpisode', 'DELETE', ep(`/${pred.json.id}`), { headers: { 'If-Match': predGot.headers.get('etag') },
    expect: 204 });
got = await call('getPatient', 'GET', `/api/v1/patients/${pid}`, { expect: 200 });
await call('deletePatient', 'DELETE', `/api/v1/patients/${pid}`, { headers: { 'If-Match': '"999"' }, expect: 412 });
await call('deletePatient', 'DELETE', `/api/v1/patients/${pid}`, { headers: { 'If-Match': got.headers.get('etag') },
    expect: 204 });

// --- what the session covered -------------------------------------------------------------------------------------
const operations = Object.values(contract.paths).flatMap(item => Object.entries(item)
    .filter(([m]) => ['get', 'put', 'post', 'delete', 'patch'].includes(m)).map(([, op]) => op.operationId));
const missed = operations.filter(o => !exercised.has(o));
if (missed.length) failures.push(`operations never exercised: ${missed.join(', ')}`);
const errorClasses = [400, 401, 403, 404, 406, 409, 412, 413, 414, 415, 422, 428, 429, 431];
const unseen = errorClasses.filter(s => !statuses.has(s));
if (unseen.length) failures.push(`error statuses never shown: ${unseen.join(', ')}`);

const summary = [...statuses.entries()].sort((x, y) => x[0] - y[0]).map(([s, n]) => `${s}×${n}`).join(' ');
console.log(`prism session: ${requests} requests over ${exercised.size} of ${operations.length} operations; ${summary}`);
if (failures.length) {
    failures.forEach(f => console.error(`FAIL ${f}`));
    process.exit(1);
}
console.log('prism session: no request or response violation');
