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

type ErrorCode = 'usage' | 'invalid-input' | 'target-exists' | 'conflict' | 'cancelled';

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

/** What an errno code means, in the words of the one-line message an unexpected failure prints. */
const ERRNO_MEANINGS: Record<string, string> = {
  EISDIR: 'a directory is where a file is expected',
  ENOTDIR: 'a file is where a directory is expected',
  ENOENT: 'no such file or directory',
  EEXIST: 'something is there already',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EMFILE: 'too many open files',
  EBUSY: 'the file is busy',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'an input/output error',
  ENOTEMPTY: 'the directory is not empty',
};

/** Node's name for a file operation (`syscall`), as a verb. */
const SYSCALL_VERBS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the directory',
  rmdir: 'remove the directory',
  rm: 'remove',
  unlink: 'remove',
  scandir: 'list',
  stat: 'inspect',
  lstat: 'inspect',
  rename: 'rename',
  copyfile: 'copy',
};

function errnoOf(error: unknown): NodeJS.ErrnoException | undefined {
  const e = error as NodeJS.ErrnoException | null;
  return e instanceof Error && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) ? e : undefined;
}

/** `EISDIR (a directory is where a file is expected)`, or the error's own message when it has no errno code. */
function errnoText(error: unknown): string {
  const e = errnoOf(error);
  if (!e) return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const meaning = ERRNO_MEANINGS[e.code as string];
  return meaning ? `${e.code} (${meaning})` : (e.message.split('\n')[0] ?? (e.code as string));
}

/**
 * A file operation that failed, with the file it was on: Node's errors name none for a read that
 * fails after the open (EISDIR among them). `path` is relative to the project directory.
 */
class FileError extends Error {
  constructor(
    readonly verb: string,
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`cannot ${verb} ${path}: ${errnoText(cause)}`);
    this.name = 'FileError';
    if (cause instanceof Error && cause.stack) this.stack = `${this.name}: ${this.message}\n  caused by ${cause.stack}`;
  }
}

/** `error` as a FileError on `path` when it is an errno error (a CreateError or any other error stays as it is). */
export function fileError(error: unknown, verb: string, path: string): unknown {
  return errnoOf(error) && !(error instanceof FileError) ? new FileError(verb, path, error) : error;
}

/**
 * An unexpected failure as one line: the operation, and for a file the verb, the path (relative to
 * `root` when inside it) and what the errno code means.
 */
export function unexpectedLine(error: unknown, operation: string, relativeTo: (path: string) => string): string {
  if (error instanceof FileError) return `${operation}: ${error.message}`;
  const e = errnoOf(error);
  if (e && typeof e.path === 'string') {
    const verb = SYSCALL_VERBS[e.syscall ?? ''] ?? e.syscall ?? 'use';
    return `${operation}: cannot ${verb} ${relativeTo(e.path)}: ${errnoText(e)}`;
  }
  const message = error instanceof Error ? `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}` : String(error);
  return `${operation}: ${message.split('\n')[0]}`;
}

/** Whether DEBUG (a list, as the `debug` package reads it) names this command, so that traces are printed. */
export function debugging(env: NodeJS.ProcessEnv, name: string): boolean {
  return (env.DEBUG ?? '')
    .split(/[\s,]+/)
    .some(
      (pattern) =>
        pattern !== '' &&
        !pattern.startsWith('-') &&
        new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name),
    );
}
