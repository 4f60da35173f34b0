// `npm run bench:reports`: every report for one shop over 30 days and over a year, on a generated
// dataset of 100 shops; and a 1,000,000-row CSV export streamed, with the server's peak memory.
// The benchmarked shop is the busiest one: 1,000,000 sales over three years (about 900 a day) with two
// lines each, their payments and stock movements, a reversal every 200 sales, repairs and expenses;
// 99 other shops hold 1,000 sales each, so that every query must pick its shop out of the others.
// Each report is requested RUNS times one after another through the API (p50, p95 of those), and run
// as often in this process straight on PostgreSQL (the same SQL with no HTTP and no Directus: the plain
// baseline); the authenticated no-op of the same run, Directus's per-request floor, is given too.
// Writes its section of bench/RESULTS.md, with the query plans of the three slowest reports.
import { readFileSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import { readInt8AsNumber } from '../extensions/phone-shop/src/database/int8.ts';
import { login } from '../directus/admin-client.ts';
import { REPORTS } from '../extensions/phone-shop/src/services/reports/index.ts';
import { Journal } from '../extensions/phone-shop/src/services/journal.ts';
import { aggregateClosedDays } from '../extensions/phone-shop/src/services/reports/days.ts';
import { startTestInstance, DEMO_PASSWORD } from '../tests/setup/instance.ts';
import { generateShop } from './dataset.ts';
import { writeSection } from './results.ts';

readInt8AsNumber();

const SALES = Number(process.env['BENCH_REPORT_SALES'] ?? 1_000_000);
const OTHER_SHOPS = 99;
const OTHER_SALES = 1_000;
const RUNS = Number(process.env['BENCH_REPORT_RUNS'] ?? 10);
/** No user: the reports that read the caller (commissions) run as an Owner, who sees every line. */
const OWNER_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const instance = await startTestInstance();
try {
  const knex = knexFactory({ client: 'pg', connection: instance.databaseUrl, pool: { min: 0, max: 2 } });
  const shop = (await knex('shops').where({ slug: 'kampala-phone-hub' }).first('id')) as { id: number };
  const owner = (await knex('directus_users').where({ email: 'owner@kampala.example.com' }).first('id')) as {
    id: string;
  };
  const started = Date.now();
  console.log(`generating ${OTHER_SHOPS} shops of ${OTHER_SALES} sales...`);
  for (let n = 1; n <= OTHER_SHOPS; n++) {
    const [other] = (await knex('shops')
      .insert({
        shop_name: `Bench shop ${n}`,
        slug: `bench-shop-${n}`,
        code: `BN${String.fromCharCode(65 + Math.floor(n / 26), 65 + (n % 26))}`,
        owner_name: 'Bench',
        phone: '+256414000000',
        email: `bench-${n}@example.com`,
        timezone: 'Africa/Kampala',
      })
      .returning('id')) as [{ id: number }];
    await generateShop(knex, other.id, owner.id, OTHER_SALES);
  }
  console.log(`generating ${SALES.toLocaleString('en')} sales of the benchmarked shop...`);
  await generateShop(knex, shop.id, owner.id, SALES);
  await knex.raw('VACUUM ANALYZE');
  const totals = (await knex.raw(
    `SELECT (SELECT count(*) FROM sales)::integer AS sales, (SELECT count(*) FROM sale_items)::integer AS items,
            (SELECT count(*) FROM sales WHERE shop_id = ?)::integer AS shop_sales,
            (SELECT count(*) FROM shops)::integer AS shops`,
    [shop.id],
  )) as { rows: { sales: number; items: number; shop_sales: number; shops: number }[] };
  const dataset = totals.rows[0];
  console.log(`dataset ready in ${Math.round((Date.now() - started) / 1000)} s:`, dataset);

  const token = await login(instance.baseUrl, 'owner@kampala.example.com', DEMO_PASSWORD);
  const get = async (path: string): Promise<{ ms: number; status: number; bytes: number }> => {
    const t0 = performance.now();
    const response = await fetch(`${instance.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await response.arrayBuffer();
    return { ms: performance.now() - t0, status: response.status, bytes: body.byteLength };
  };
  const today = new Date().toISOString().slice(0, 10);
  const daysBefore = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const periods = {
    '30 days': `from=${daysBefore(29)}&to=${today}`,
    year: `from=${daysBefore(364)}&to=${today}`,
  };

  const floor: number[] = [];
  for (let i = 0; i < RUNS * 3; i++) floor.push((await get('/api/health')).ms);
  floor.sort((a, b) => a - b);

  // The first read of a year computes its closed days' aggregates (services/reports/days.ts): timed
  // apart, once; every later read of those days reads the aggregates.
  const cold = await get(`/api/reports/sales/daily-summary?${periods.year}`);
  if (cold.status !== 200) throw new Error(`the first read answered ${cold.status}`);
  const aggregatedDays = (await knex('report_days')
    .where({ shop_id: shop.id })
    .count({ n: '*' })
    .first()) as {
    n: string;
  };
  console.log(`first read of a year: ${Math.round(cold.ms)} ms, ${aggregatedDays.n} days aggregated`);
  // What the server's background sweep (hooks/reports: at start-up and hourly) does, run here: every
  // shop's closed days that nothing has read yet, so that no first read pays for them.
  const sweepStart = performance.now();
  const swept = await aggregateClosedDays(knex);
  const sweepSeconds = (performance.now() - sweepStart) / 1000;
  console.log(`background sweep: ${swept} more closed days of all shops in ${sweepSeconds.toFixed(1)} s`);

  interface Timing {
    report: string;
    period: string;
    p50: number;
    p95: number;
    plainP95: number;
    rows: number;
  }
  const timings: Timing[] = [];
  let peak = rssMb(instance.serverPid);
  for (const report of REPORTS) {
    for (const [period, query] of Object.entries(periods)) {
      if (!report.periodic && period === 'year') continue;
      const path = `/api/reports/${report.name}?${query}`;
      await get(path); // warm
      const ms: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const run = await get(path);
        if (run.status !== 200) throw new Error(`${path} answered ${run.status}`);
        ms.push(run.ms);
        peak = Math.max(peak, rssMb(instance.serverPid));
      }
      const body = (await (
        await fetch(`${instance.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { data: { rows: unknown[] } };
      rows = body.data.rows.length;
      ms.sort((a, b) => a - b);
      const plain: number[] = [];
      const days = period === 'year' ? 364 : 29;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await runInProcess(knex, report.name, shop.id, days);
        plain.push(performance.now() - t0);
      }
      plain.sort((a, b) => a - b);
      const timing = {
        report: report.name,
        period: report.periodic ? period : 'now',
        p50: Math.round(percentile(ms, 50)),
        p95: Math.round(percentile(ms, 95)),
        plainP95: Math.round(percentile(plain, 95)),
        rows,
      };
      console.log(
        `  ${timing.report} (${timing.period}): p50 ${timing.p50} ms, p95 ${timing.p95} ms (plain ${timing.plainP95} ms), ${rows} rows`,
      );
      timings.push(timing);
    }
  }

  // The export: every sale of the shop as CSV, streamed; the server's memory sampled meanwhile.
  const before = rssMb(instance.serverPid);
  let exportPeak = before;
  const sampler = setInterval(() => (exportPeak = Math.max(exportPeak, rssMb(instance.serverPid))), 100);
  const exportStart = performance.now();
  const exported = await fetch(`${instance.baseUrl}/api/exports/sales?format=csv`, {
    headers: { authorization: `Bearer ${token}` },
  });
  let bytes = 0;
  let lines = 0;
  if (!exported.body) throw new Error('the export has no body');
  for await (const chunk of exported.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  const exportSeconds = (performance.now() - exportStart) / 1000;
  clearInterval(sampler);
  console.log(
    `export: ${lines} lines, ${Math.round(bytes / 1e6)} MB in ${exportSeconds.toFixed(1)} s, peak RSS ${Math.round(exportPeak)} MB`,
  );

  // The plans of the three slowest reports, from the same SQL run under EXPLAIN.
  const slowest = [...timings].sort((a, b) => b.p95 - a.p95).slice(0, 3);
  const plans: string[] = [];
  for (const slow of slowest) {
    plans.push(
      `### ${slow.report} (${slow.period}), p95 ${slow.p95} ms\n\n${await planOf(knex, slow, shop.id)}`,
    );
  }
  await knex.destroy();

  const table = [
    '| report | period | p50 ms | p95 ms | plain p95 ms | API / plain | rows | target | met |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...timings.map((t) => {
      const target = t.report === 'sales/daily-summary' ? 300 : 1000;
      const ratio = t.plainP95 > 0 ? `${(t.p95 / t.plainP95).toFixed(2)}×` : '-';
      return `| ${t.report} | ${t.period} | ${t.p50} | ${t.p95} | ${t.plainP95} | ${ratio} | ${t.rows} | p95 < ${target} ms | ${t.p95 < target ? 'yes' : 'no'} |`;
    }),
  ];
  await writeSection(
    'reports',
    [
      '## Reports on a million sales',
      '',
      `Produced by \`npm run bench:reports\` (bench/reports.bench.ts) on ${today}: ${dataset?.shops ?? 0} shops,`,
      `${(dataset?.sales ?? 0).toLocaleString('en')} sales records with ${(dataset?.items ?? 0).toLocaleString('en')} lines in all; the benchmarked shop holds`,
      `${(dataset?.shop_sales ?? 0).toLocaleString('en')} of them (sales and reversals) over three years. Each report requested ${RUNS} times by its Owner,`,
      "one after another, on this 2-core machine; the authenticated no-op of the same run, Directus's per-request floor,",
      `answered in p50 ${Math.round(percentile(floor, 50))} ms, p95 ${Math.round(percentile(floor, 95))} ms. Server peak RSS during the reports: ${Math.round(peak)} MB.`,
      `The first read of a year (the daily summary) took ${(cold.ms / 1000).toFixed(1)} s: it aggregated the year's ${aggregatedDays.n} closed days,`,
      `which every report after it reads; the server's background sweep (at start-up and hourly) then aggregated`,
      `the ${swept.toLocaleString('en')} other closed days of all shops in ${sweepSeconds.toFixed(1)} s, so that a first read finds them ready.`,
      'The table below: each report warmed once, then timed.',
      '',
      ...table,
      '',
      `**Export**: \`GET /api/exports/sales?format=csv\`, every sale of the shop: ${lines.toLocaleString('en')} lines,`,
      `${Math.round(bytes / 1e6)} MB in ${exportSeconds.toFixed(1)} s; server RSS ${Math.round(before)} MB before, peak ${Math.round(exportPeak)} MB`,
      `during it (target < 300 MB: ${exportPeak < 300 ? 'met' : 'not met'}).`,
      '',
      '### Query plans of the three slowest reports',
      '',
      ...plans,
    ].join('\n'),
  );
} finally {
  await instance.stop();
}

/** A report run in this process straight on PostgreSQL, as its Owner: the plain baseline. */
async function runInProcess(knex: Knex, name: string, shopId: number, days: number): Promise<void> {
  const report = REPORTS.find((r) => r.name === name);
  if (!report) throw new Error(`no report ${name}`);
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  await report.run({
    ctx: {
      knex,
      counters: knex,
      journal: new Journal(),
      shopId,
      userId: OWNER_PLACEHOLDER,
      role: 'Owner',
      ip: null,
      userAgent: null,
    },
    period: { from, to },
    timezone: 'Africa/Kampala',
    currency: 'UGX',
    bindings: { shop: shopId, tz: 'Africa/Kampala', from, to },
    seesCosts: true,
  });
}

/** EXPLAIN ANALYZE of the slowest statement of a report, captured from a run in this process. */
async function planOf(
  knex: Knex,
  timing: { report: string; period: string },
  shopId: number,
): Promise<string> {
  const queries: { sql: string; bindings: readonly unknown[] }[] = [];
  const capture = (q: { sql: string; bindings?: readonly unknown[] }): void => {
    queries.push({ sql: q.sql, bindings: q.bindings ?? [] });
  };
  knex.on('query', capture);
  try {
    await runInProcess(knex, timing.report, shopId, timing.period === 'year' ? 364 : 29);
  } finally {
    knex.off('query', capture);
  }
  // The captured SQL has PostgreSQL's own $n placeholders; knex.raw takes ?.
  let slowest: { ms: number; lines: string[] } | null = null;
  for (const q of queries) {
    // EXPLAIN ANALYZE runs the statement: only reads, never one that writes (a day being aggregated,
    // customer totals brought up) nor the transactions around them.
    if (!/^\s*(WITH|SELECT)\b/i.test(q.sql) || /\b(INSERT|DELETE|UPDATE)\b|pg_advisory/i.test(q.sql))
      continue;
    const plan = (await knex.raw(
      `EXPLAIN (ANALYZE, BUFFERS) ${q.sql.replace(/\$\d+/g, '?')}`,
      q.bindings as Knex.RawBinding[],
    )) as { rows: { 'QUERY PLAN': string }[] };
    const lines = plan.rows.map((r) => r['QUERY PLAN']);
    const ms = Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1) ?? '')?.[1] ?? 0);
    if (!slowest || ms > slowest.ms) slowest = { ms, lines };
  }
  return slowest ? ['```', ...slowest.lines, '```'].join('\n') : '';
}
