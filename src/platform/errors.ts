/**
 * The few errors a service may throw. Each carries an HTTP status; one handler in
 * platform/http turns them into GOV.UK error pages or problem+json.
 */
export interface FieldError {
  /** The form field's name (and the id of its input), e.g. "email". */
  field: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
}

/**
 * An error that is only its status, its code and the message it says unless given another. Four
 * of them were each the same class but for those three.
 */
function plainError(status: number, code: string, defaultMessage: string) {
  return class extends AppError {
    readonly status = status;
    readonly code = code;
    constructor(message = defaultMessage) {
      super(message);
    }
  };
}

export class NotFoundError extends plainError(404, 'not-found', 'Page not found') {}

export class ForbiddenError extends plainError(
  403,
  'forbidden',
  'You do not have permission to do that',
) {}

export class UnauthenticatedError extends plainError(
  401,
  'unauthenticated',
  'Sign in to continue',
) {}

/** Bad input: the form is shown again with each field's message. */
export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = 'invalid';
  constructor(readonly fieldErrors: FieldError[]) {
    super(fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/** A rule or the current state refuses the action (e.g. a stale edit, a duplicate). */
export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = 'conflict';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A body of a kind the route does not take (a file sent to a form without one). */
export class UnsupportedMediaTypeError extends plainError(
  415,
  'unsupported-media-type',
  'This form does not take a file',
) {}

/** Too many attempts: the caller must wait. With a field, the form shows it there. */
export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly code = 'too-many-requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function fieldErrorsOf(error: unknown): FieldError[] | undefined {
  if (error instanceof ValidationError) return error.fieldErrors;
  if ((error instanceof ConflictError || error instanceof TooManyRequestsError) && error.field) {
    return [{ field: error.field, message: error.message }];
  }
  return undefined;
}
