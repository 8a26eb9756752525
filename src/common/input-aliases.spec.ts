import { AppError } from './app-error.js';
import { foldAliases } from './input-aliases.js';

interface Body {
  isActive?: boolean;
  retrySchedule?: number[];
  is_active?: boolean;
  retry_schedule?: number[];
}
const ALIASES = { isActive: 'is_active', retrySchedule: 'retry_schedule' } as const;

describe('foldAliases', () => {
  it('reads a snake_case alias as its camelCase field and drops the alias', () => {
    expect(foldAliases<Body>({ is_active: false }, ALIASES)).toEqual({ isActive: false });
    expect(foldAliases<Body>({ isActive: true }, ALIASES)).toEqual({ isActive: true });
  });

  it('accepts both forms when they agree, deep for arrays', () => {
    const both = { retrySchedule: [1, 2], retry_schedule: [1, 2], isActive: false };
    expect(foldAliases<Body>(both, ALIASES)).toEqual({ retrySchedule: [1, 2], isActive: false });
  });

  it('refuses both forms that disagree with a message naming both', () => {
    const call = () => foldAliases<Body>({ isActive: true, is_active: false }, ALIASES);
    expect(call).toThrow(AppError);
    expect(call).toThrow(/isActive and is_active .* disagree/);
  });
});
