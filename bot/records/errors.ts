/**
 * Errors thrown by the records layer. Every message says where (`Repository.method()`) and why,
 * so a turn-error handler can log it as it is and reply with a plain, safe sentence.
 */

/** Base class for every records error; `cause` carries the Cosmos or zod error underneath. */
export class RecordsError extends Error {
  override readonly name: string = 'RecordsError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A record that should exist does not (`PlanRepository.get(): plan EHC-000123 not found`). */
export class NotFoundError extends RecordsError {
  override readonly name: string = 'NotFoundError';
}

/**
 * A write based on a stale copy: someone else changed the record since it was read (HTTP 412 on
 * an eTag `IfMatch`). Nothing was written; read the record again and retry or ask the user.
 */
export class ConflictError extends RecordsError {
  override readonly name: string = 'ConflictError';
}

/** A create with a caller-chosen id that already exists (HTTP 409). */
export class AlreadyExistsError extends RecordsError {
  override readonly name: string = 'AlreadyExistsError';
}

/** Input (or a stored document) failed its zod schema; `issues` lists what and where. */
export class ValidationError extends RecordsError {
  override readonly name: string = 'ValidationError';

  constructor(
    message: string,
    readonly issues: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The change is not allowed from the record's current state (e.g. a decision before the meeting). */
export class InvalidStateError extends RecordsError {
  override readonly name: string = 'InvalidStateError';
}

/** A reference number could not be allocated after the configured retries (heavy contention). */
export class ReferenceAllocationError extends RecordsError {
  override readonly name: string = 'ReferenceAllocationError';
}
