import { describe, expect, it } from 'vitest';
import { requestedDocumentsOf } from '../../../engine/casework/requestedDocuments.js';

describe('the documents asked of the applicant', () => {
  it('should join the ones picked from the standard with the ones written in free text, one a line, without repeats', () => {
    expect(
      requestedDocumentsOf({
        requestedDocuments: ['Power of attorney', 'Copy of the identity document'],
        otherRequestedDocuments: '  Certificate from the akimat \n\nPower of attorney\r\nSpouse consent',
      }),
    ).toEqual(['Power of attorney', 'Copy of the identity document', 'Certificate from the akimat', 'Spouse consent']);
  });

  it('should read one name as a list of one, and nothing as none', () => {
    expect(requestedDocumentsOf({ requestedDocuments: 'Power of attorney' })).toEqual(['Power of attorney']);
    expect(requestedDocumentsOf({ requestedDocuments: [1, null], otherRequestedDocuments: '  ' })).toEqual([]);
  });
});
