/** Exit codes, as README documents them. */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  targetExists: 3,
  /** `add` must change a file the user edited: it wrote nothing and printed the lines to add by hand. */
  conflict: 4,
  cancelled: 130,
} as const;

export type ErrorCode = 'usage' | 'invalid-input' | 'target-exists' | 'conflict' | 'cancelled';

/** A failure the user can fix: it names the field, the problem and the fix. */
export class CreateError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CreateError';
  }

  get exitCode(): number {
    switch (this.code) {
      case 'target-exists':
        return EXIT.targetExists;
      case 'conflict':
        return EXIT.conflict;
      case 'cancelled':
        return EXIT.cancelled;
      default:
        return EXIT.usage;
    }
  }
}

/** Bad value for one field, in the style of cargo-generate's ConversionError. */
export function invalid(field: string, message: string, hint?: string): CreateError {
  return new CreateError('invalid-input', `${field}: ${message}`, field, hint);
}
