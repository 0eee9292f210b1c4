import * as crypto from 'node:crypto';
import { codeMatches, hashCode, newCode } from '../../../lambdas/domain/codes';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

const phone = '+355691234567';
const timingSafeEqual = jest.mocked(crypto.timingSafeEqual);

beforeEach(() => timingSafeEqual.mockClear());

describe('newCode', () => {
  test('is six digits, zero-padded', () => {
    for (let i = 0; i < 200; i++) expect(newCode()).toMatch(/^\d{6}$/);
  });

  test('varies', () => {
    expect(new Set(Array.from({ length: 50 }, newCode)).size).toBeGreaterThan(40);
  });
});

describe('hashCode', () => {
  test('is a SHA-256 hex digest that does not contain the code', () => {
    const hash = hashCode(phone, '123456');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('123456');
  });

  test('is deterministic and bound to the phone', () => {
    expect(hashCode(phone, '123456')).toBe(hashCode(phone, '123456'));
    expect(hashCode('+355697654321', '123456')).not.toBe(hashCode(phone, '123456'));
    expect(hashCode(phone, '123457')).not.toBe(hashCode(phone, '123456'));
  });
});

describe('codeMatches', () => {
  const stored = hashCode(phone, '042042');

  test('matches the right code for the right phone', () => {
    expect(codeMatches(phone, '042042', stored)).toBe(true);
  });

  test('does not match a wrong code', () => {
    expect(codeMatches(phone, '042043', stored)).toBe(false);
  });

  test('does not match the right code for another phone', () => {
    expect(codeMatches('+355697654321', '042042', stored)).toBe(false);
  });

  test('compares with timingSafeEqual, also when the code is wrong', () => {
    codeMatches(phone, '999999', stored);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
  });

  test('a stored hash of another length is a mismatch, not an exception', () => {
    expect(codeMatches(phone, '042042', 'abcd')).toBe(false);
    expect(codeMatches(phone, '042042', '')).toBe(false);
    expect(timingSafeEqual).not.toHaveBeenCalled();
  });
});
