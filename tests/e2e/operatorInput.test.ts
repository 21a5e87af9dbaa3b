import { describe, expect, it } from 'vitest';
import { changedVariables, parseMapping } from '../../designer/src/operator/operatorInput.js';

describe('the operator page reads its inputs (designer/src/operator/operatorInput.ts)', () => {
  it('should send only the variables the operator changed or added', () => {
    const original = { name: 'Dana', registryId: '', documents: ['a', 'b'] };
    const text = JSON.stringify({ name: 'Dana', registryId: 'R-1', documents: ['a', 'b'], note: 'by phone' });
    expect(changedVariables(original, text)).toEqual({ registryId: 'R-1', note: 'by phone' });
  });

  it('should refuse text that is not a JSON object, saying so', () => {
    expect(() => changedVariables({}, '{ registryId: R-1 }')).toThrow(/^variables: not JSON/);
    expect(() => changedVariables({}, '[1, 2]')).toThrow('variables: must be a JSON object');
  });

  it('should read a mapping of old=new per line or comma, and refuse a line that is not one', () => {
    expect(parseMapping('review = check\n\n register=record, a=b')).toEqual({ review: 'check', register: 'record', a: 'b' });
    expect(() => parseMapping('review')).toThrow("mapping: 'review' is not old=new");
    expect(() => parseMapping('a=b=c')).toThrow("mapping: 'a=b=c' is not old=new");
  });
});
