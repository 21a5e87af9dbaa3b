import { describe, expect, it } from 'vitest';
import { messageTarget, type MessageWaits } from '../../../engine/runtime/messageTarget.js';
import { waitsForDocuments } from '../../../engine/casework/waitsForDocuments.js';

const at = (tokens: MessageWaits['tokens'], subscriptions?: MessageWaits['subscriptions']): MessageWaits => ({ tokens, ...(subscriptions ? { subscriptions } : {}) });

describe('messageTarget', () => {
  it("should find a receive task's wait before a boundary of the same message", () => {
    const instance = at([
      { id: 't1', wait: { kind: 'userTask', taskId: 'x' }, boundaries: [{ boundaryId: 'b1', messageName: 'documentsProvided' }] },
      { id: 't2', wait: { kind: 'message', messageName: 'documentsProvided' } },
    ]);
    expect(messageTarget(instance, 'documentsProvided')).toEqual({ tokenId: 't2' });
  });

  it("should find an armed boundary or an event-based gateway's catch, with its id", () => {
    const instance = at([{ id: 't1', wait: { kind: 'eventGateway' }, boundaries: [{ boundaryId: 'timeout', jobId: 'j1' }, { boundaryId: 'docs_arrive', messageName: 'documentsProvided' }] }]);
    expect(messageTarget(instance, 'documentsProvided')).toEqual({ tokenId: 't1', boundaryId: 'docs_arrive' });
  });

  it("should find a process-level event sub-process's message start", () => {
    expect(messageTarget(at([], [{ boundaryId: 'withdrawal', messageName: 'applicationWithdrawn' }]), 'applicationWithdrawn')).toEqual({ tokenId: '@process', boundaryId: 'withdrawal' });
  });

  it('should find nothing when no wait, boundary or subscription names the message', () => {
    const instance = at([{ id: 't1', wait: { kind: 'message', messageName: 'recordReceived' } }], [{ boundaryId: 's', messageName: 'question' }]);
    expect(messageTarget(instance, 'documentsProvided')).toBeUndefined();
    expect(waitsForDocuments(instance)).toBe(false);
  });
});
