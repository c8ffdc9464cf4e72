/**
 * The test-name patterns of a test command line, shared by run-tests.ts and run-each-alone.ts:
 * `--name <pattern>`, `--name=<pattern>`, or node's spelling `--test-name-pattern`; each may be
 * given more than once.
 */

/** Takes the patterns out of args (which keeps the rest) and returns them. */
export function takeNamePatterns(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length;) {
    const arg = args[i]!;
    const flag = ['--name', '--test-name-pattern'].find(
      (f) => arg === f || arg.startsWith(`${f}=`),
    );
    if (flag === undefined) {
      i++;
    } else if (arg === flag) {
      const value = args.splice(i, 2)[1];
      if (value === undefined) {
        console.error(`${flag} needs a pattern`);
        process.exit(2);
      }
      out.push(value);
    } else {
      out.push(args.splice(i, 1)[0]!.slice(flag.length + 1));
    }
  }
  return out;
}

/**
 * The exit code of scripts/run-test-files.mjs when, with name patterns, none of the tests they
 * name ran (none matched, or those that did were skipped) and nothing failed.
 */
export const NOTHING_RAN = 3;
