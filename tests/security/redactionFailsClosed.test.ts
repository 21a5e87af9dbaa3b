import { describe, expect, it } from 'vitest';
import { redactTask, taskViewFor, viewpointOf, type TaskRecord } from '../../engine/index.js';

/** Issue 9, item 16: who holds a task is hidden from clerks and applicants unless the task is front-office work. */
describe('redaction fails closed', () => {
  const task = (office?: 'front' | 'back'): TaskRecord => ({
    id: 't1',
    instanceId: 'i1',
    tokenId: 'k1',
    key: 'p',
    elementId: 'review',
    trackingNumber: '0000-0000-0000',
    ...(office ? { office } : {}),
    candidateGroup: 'mvd-passport',
    assignment: 'random',
    assignee: 'mvd-1',
    completedBy: 'mvd-1',
    state: 'completed',
    createdAt: '2026-12-01T00:00:00.000Z',
    version: 2,
  });

  it('should hide the assignee of a randomly assigned task without ps:office from a clerk and the applicant', () => {
    for (const viewer of ['clerk', 'applicant'] as const) {
      const view = taskViewFor(viewer, task());
      expect(view, viewer).not.toHaveProperty('assignee');
      expect(view, viewer).not.toHaveProperty('completedBy');
    }
    const clerkView = redactTask(viewpointOf(['clerk']), task());
    expect(JSON.stringify(clerkView)).not.toContain('mvd-1');
  });

  it('should still show a clerk who holds a front-office task, and a supervisor everything', () => {
    expect(taskViewFor('clerk', { ...task('front'), assignee: 'clerk-astana' })).toMatchObject({ assignee: 'clerk-astana' });
    expect(taskViewFor('supervisor', task())).toMatchObject({ assignee: 'mvd-1' });
    expect(taskViewFor('clerk', task('back'))).not.toHaveProperty('assignee');
  });
});
