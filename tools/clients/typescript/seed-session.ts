// Runs every seed history through the service with the typescript-fetch client generated from the committed
// contract (scripts/client-gates.sh copies this file next to the generated sources and compiles it with
// tsc --strict). It uses the Accept headers the generator chose, and fails (exit 1) when a call fails or an
// assessment differs from the fixture's expectation.
import { readFileSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
    Configuration, PatientsApi, EpisodesApi, EventsApi, ObservationsApi, ClinicalApi, FHIRApi, ResponseError, FetchError,
    PatientInputFromJSON, EpisodeInputFromJSON, EventInputFromJSON, ObservationInputFromJSON,
} from './index';

interface Expectation { asOf: string; status: string; currentTier?: number | null }
interface Fixture {
    seed: string;
    patient: Record<string, unknown>;
    episodes: Array<Record<string, unknown> & { key: string }>;
    events: Array<Record<string, unknown> & { episode?: string }>;
    observations: Array<Record<string, unknown>>;
    expectations: Expectation[];
}

const [base, token, fixtureDir] = process.argv.slice(2);
if (!base || !token || !fixtureDir) {
    console.error('usage: node seed-session.js BASE_URL TOKEN FIXTURE_DIR');
    process.exit(2);
}
// A well-behaved client: on 429 it waits for Retry-After and sends the request again (the gate runs the service
// with a per-caller rate limit).
let retries = 0;
const politeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
        const res = await fetch(input, init);
        if (res.status !== 429 || attempt >= 5) {
            return res;
        }
        retries++;
        await new Promise(r => setTimeout(r, 1000 * Number(res.headers.get('Retry-After') ?? '1')));
    }
};
const config = new Configuration({ basePath: base, accessToken: async () => token, fetchApi: politeFetch });
const patients = new PatientsApi(config);
const episodes = new EpisodesApi(config);
const events = new EventsApi(config);
const observations = new ObservationsApi(config);
const clinical = new ClinicalApi(config);
const fhir = new FHIRApi(config);

async function run(fixture: Fixture, runId: string): Promise<string[]> {
    const failures: string[] = [];
    const patient = await patients.createPatient({
        patientInput: PatientInputFromJSON({ ...fixture.patient, mrn: `${String(fixture.patient.mrn)}-TS-${runId}` }),
        idempotencyKey: randomUUID(),
    });
    const ids = new Map<string, string>();
    for (const e of fixture.episodes) {
        const { key, ...body } = e;
        const created = await episodes.createEpisode({
            patientId: patient.id, episodeInput: EpisodeInputFromJSON(body), idempotencyKey: randomUUID(),
        });
        ids.set(key, created.id);
    }
    for (const ev of fixture.events) {
        const { episode, ...body } = ev;
        await events.createEvent({
            patientId: patient.id,
            eventInput: EventInputFromJSON({ ...body, episodeId: episode ? ids.get(episode) : undefined }),
        });
    }
    for (const o of fixture.observations) {
        await observations.createObservation({ patientId: patient.id, observationInput: ObservationInputFromJSON(o) });
    }
    for (const x of fixture.expectations) {
        // "today" in a fixture means the default as-of date.
        const asOf = x.asOf === 'today' ? undefined : new Date(`${x.asOf}T00:00:00Z`);
        const a = await clinical.getAssessment({ patientId: patient.id, asOf });
        if (a.status !== x.status) {
            failures.push(`seed ${fixture.seed} as of ${x.asOf}: status ${a.status}, expected ${x.status}`);
        }
        if (x.currentTier != null && a.currentTier !== x.currentTier) {
            failures.push(`seed ${fixture.seed} as of ${x.asOf}: tier ${a.currentTier}, expected ${x.currentTier}`);
        }
    }
    const timeline = await clinical.getTimeline({ patientId: patient.id });
    if (timeline.lines.length === 0) {
        failures.push(`seed ${fixture.seed}: timeline has no lines`);
    }
    const bundle = await fhir.exportPatientFhir({ patientId: patient.id });
    if (!bundle || typeof bundle !== 'object') {
        failures.push(`seed ${fixture.seed}: FHIR export is not a Bundle`);
    }
    return failures;
}

async function main(): Promise<void> {
    const runId = randomUUID().slice(0, 8);
    const files = readdirSync(fixtureDir).filter(f => f.startsWith('seed-') && f.endsWith('.json')).sort();
    const failures: string[] = [];
    let calls = 0;
    for (const file of files) {
        const fixture = JSON.parse(readFileSync(`${fixtureDir}/${file}`, 'utf8')) as Fixture;
        try {
            failures.push(...await run(fixture, runId));
            calls += 1 + fixture.episodes.length + fixture.events.length + fixture.observations.length
                + fixture.expectations.length + 2;
        } catch (e) {
            const detail = e instanceof ResponseError ? `${e.response.status} ${await e.response.text()}`
            : e instanceof FetchError ? `${e.message}: ${String(e.cause)}` : String(e);
            failures.push(`seed ${fixture.seed}: ${detail}`);
        }
    }
    if (failures.length > 0) {
        failures.forEach(f => console.error(`FAIL ${f}`));
        process.exit(1);
    }
    console.log(`typescript-fetch client: ${files.length} seed histories, ${calls} calls (${retries} retried after 429), every assessment as expected`);
}

main().catch(e => {
    console.error(e);
    process.exit(1);
});
