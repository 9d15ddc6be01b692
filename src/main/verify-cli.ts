import { runVerify } from './verify/verify-command';

/** `npm run verify -- <code-or-token> --bundle FILE`: offline verification for scripts and gates. */
const { exitCode, line } = await runVerify(process.argv.slice(2));
(exitCode === 0 ? process.stdout : process.stderr).write(`${line}\n`);
process.exitCode = exitCode;
