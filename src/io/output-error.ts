/**
 * A refused or failed output write (`--output` over an input plan, `init` over an existing
 * file, an unwritable directory): a usage error, exit 2. Apart from write-output.ts so the
 * CLI's error boundary can know it without loading the file-writing code at start-up.
 */
export class OutputError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
