// RFC 9457 problem details: the one shape every error of the API takes.

import type { ParseIssue } from '../common/parse-result.js';

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly issues?: readonly unknown[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly issues?: readonly unknown[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  body(): ProblemBody {
    return {
      type: `https://polystep.dev/problems/${this.code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(this.issues === undefined ? {} : { issues: this.issues }),
    };
  }
}

export const notFound = (what: string, id: string) => new HttpProblem(404, 'NOT_FOUND', `${what} ${id} does not exist`);

/** A DIMACS document that did not parse: 422 with every positioned issue. */
export function parseProblem(issues: readonly ParseIssue[]): HttpProblem {
  const first = issues[0];
  const where = first.line > 0 ? ` at line ${first.line}, column ${first.column}` : '';
  return new HttpProblem(422, 'PARSE_ERROR', `${first.code}${where}: ${first.message}`, issues);
}
