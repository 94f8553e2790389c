// npm test's checks before jest: `npm run <script>` for each script named, all at once (each is
// mostly one busy process, and this machine has 2 cores), each one's output held and printed whole,
// in the order named. Every check runs to its end; the exit code is 1 if any failed.
import { spawn } from 'node:child_process';
import process from 'node:process';

const scripts = process.argv.slice(2);

const runs = scripts.map(
  (script) =>
    new Promise((done) => {
      const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      // Each chunk with the stream it came on, in the order they came.
      const output = [];
      child.stdout.on('data', (chunk) => output.push([process.stdout, chunk]));
      child.stderr.on('data', (chunk) => output.push([process.stderr, chunk]));
      child.on('error', (error) => {
        output.push([process.stderr, `${error.message}\n`]);
        done({ code: 1, output });
      });
      child.on('close', (code) => done({ code: code ?? 1, output }));
    }),
);

const failed = [];
for (const [index, run] of runs.entries()) {
  const { code, output } = await run;
  for (const [stream, chunk] of output) stream.write(chunk);
  if (code !== 0) failed.push(`npm run ${scripts[index]}`);
}
if (failed.length > 0) {
  process.stderr.write(`\nFailed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
