/** One field-level validation failure. `field` is a dotted path into the request (`body.email`, `query.page`). */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, the body of every error answer. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable machine-readable code of the domain error, e.g. `DEVICE_NOT_FOUND`. */
  code?: string;
  /** Present on validation errors. */
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
