import { DomainException, ErrorKind } from '../problem/domain.exception.js';
import type { FileErrorCode, FileIssue, IssueParams } from './spreadsheet.types.js';

/**
 * The whole file is rejected: unreadable, wrong format, missing or duplicate columns, no data.
 * `issues` lists every reason found (a file may miss one column and repeat another). It is a
 * DomainException, so a controller can let it through and the problem filter answers 422 with the
 * issues in the body; `code` is the first issue's code.
 */
export class SpreadsheetFileError extends DomainException {
  readonly issues: readonly FileIssue<FileErrorCode>[];

  constructor(issues: readonly FileIssue<FileErrorCode>[]) {
    if (issues.length === 0) throw new Error('SpreadsheetFileError needs at least one issue');
    const limit = issues[0].params?.limit;
    super(issues[0].code, ErrorKind.UNPROCESSABLE, issues.map((i) => i.message).join(' '), {
      issues,
      // A file past a configured limit names it: `{ name: 'IMPORT_MAX_ROWS', value: 50000 }`.
      ...(limit ? { limit: { name: limit, value: issues[0].params?.max } } : {}),
      errors: issues.map((i) => ({ field: 'file', message: i.message })),
    });
    this.issues = issues;
  }

  static of(code: FileErrorCode, message: string, params?: IssueParams): SpreadsheetFileError {
    return new SpreadsheetFileError([params ? { code, message, params } : { code, message }]);
  }
}
