import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { databaseFailure } from './database-errors.js';

const pgError = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('databaseFailure', () => {
  it.each([
    ['ECONNREFUSED', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    [
      '57P01 admin shutdown',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    ['57P03 cannot connect now', pgError('57P03', 'the database system is shutting down')],
    ['08006 connection failure', pgError('08006')],
    ['53300 too many connections', pgError('53300')],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['pool acquire timeout', new Error('timeout exceeded when trying to connect')],
    ['connect timeout', new Error('Connection terminated due to connection timeout')],
    [
      'ECONNREFUSED on every address',
      new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')], ''),
    ],
  ])('reads %s as the database unavailable', (_name, error) => {
    expect(databaseFailure(error)).toBe('UNAVAILABLE');
  });

  it('looks inside TypeORM query errors', () => {
    const wrapped = new QueryFailedError('SELECT 1', [], pgError('57P01'));
    expect(databaseFailure(wrapped)).toBe('UNAVAILABLE');
    const cancelled = new QueryFailedError(
      'SELECT pg_sleep(9)',
      [],
      pgError('57014', 'canceling statement due to statement timeout'),
    );
    expect(databaseFailure(cancelled)).toBe('TIMEOUT');
  });

  it('leaves errors of the request itself alone', () => {
    expect(databaseFailure(new QueryFailedError('INSERT', [], pgError('23505')))).toBeUndefined();
    expect(databaseFailure(pgError('22P02', 'invalid input syntax for type uuid'))).toBeUndefined();
    expect(databaseFailure(new TypeError('Cannot read properties of undefined'))).toBeUndefined();
    expect(databaseFailure('ECONNREFUSED')).toBeUndefined();
  });
});
