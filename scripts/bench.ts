/**
 * Benchmark: prints figures, asserts nothing. Inputs: the reference plan
 * (examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md), synthetic plans made from it at
 * 10×, 40× and 100× its size (its parts and ambitions repeated and renumbered), a plan of 10,000
 * ambitions, and an archive of 1,000 documents synthesised from the examples in a temporary folder.
 * The parts are in scripts/bench/; at the end, a summary table of issue 9's measures: measured,
 * target, met or not.
 *   npm run bench                 all of it
 *   npm run bench -- --quick      all of it with fewer rounds (a few minutes)
 *   npm run bench -- --cli        only the command line and the workspace check (--runs N: rounds, default 5)
 *   npm run bench -- --server     only the language server's figures
 *   npm run bench -- --publish    only the publishing figures (Word and web page)
 *   npm run bench -- --issue      only what the summary needs (no tables of the library's analysis and publishing)
 * PLAN_BENCH_DIST=folder measures another build's bundles (server.js, cli.js) than dist/.
 */
import { rmSync } from 'node:fs';
import { analysisFigures, denseFigures, keystrokeFigures } from './bench/library';
import { cliArchiveRun, cliFigures, cliTempDir } from './bench/cli';
import { load, type BenchOptions } from './bench/common';
import { publishFigures } from './bench/publish';
import { bigPlanFigures, coldStartFigures, editFigures, maxFileSizeFigures, memoryFigures, workspaceCheckFigures } from './bench/server';
import { printSummary } from './bench/summary';

export { synthetic } from './bench/common';
export { synthArchive } from './bench/cli';

async function main(): Promise<void> {
  const started = load();
  console.log(`# Benchmark (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${process.platform}/${process.arch}; ${started})\n`);
  const argv = process.argv;
  const quick = argv.includes('--quick');
  const runsArg = argv.indexOf('--runs');
  const options: BenchOptions = { quick, runs: runsArg > 0 ? Number(argv[runsArg + 1]) : quick ? 2 : 5 };
  const only = ['--cli', '--server', '--publish', '--issue'].find((a) => argv.includes(a));
  if (only === '--publish') return publishFigures(options.runs);
  if (!only) {
    analysisFigures(options);
    keystrokeFigures(options);
  }
  if (!only || only === '--issue') denseFigures(options);
  if (!only && !quick) await publishFigures(options.runs);
  if (!only || only === '--server' || only === '--issue') {
    await coldStartFigures(options);
    await editFigures(options);
    await bigPlanFigures();
    await maxFileSizeFigures();
    await memoryFigures(options);
  }
  if (!only || only === '--cli' || only === '--issue') {
    const dir = cliTempDir();
    try {
      cliFigures(dir, options);
      await workspaceCheckFigures(`${dir}/arkiv`, () => cliArchiveRun(dir), options.runs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printSummary(started);
}

if (require.main === module) void main();
