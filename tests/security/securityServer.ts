import { readFileSync } from 'node:fs';
import type { Organisation } from '../../processes/demo/seedOrganisation.js';
import type { TaskRecord } from '../../engine/index.js';
import { deploy, startTestServer, type TestServer } from '../server/testServer.js';

const catalogue = (code: string) => readFileSync(new URL(`../../processes/${code}/${code}.bpmn`, import.meta.url), 'utf8');

/**
 * Two centres whose clerks share one group (as in the demo organisation), two justice
 * officials, an interior official, a social official, supervisors, a coordinator and an
 * auditor: the people an attacker would play against each other.
 */
export const SECURITY_ORGANISATION: Organisation = {
  centres: [
    { id: 'astana-1', name: 'Public Service Centre No. 1, Astana', city: 'Astana' },
    { id: 'almaty-1', name: 'Public Service Centre No. 1, Almaty', city: 'Almaty' },
  ],
  agencies: [
    { id: 'mj', name: 'Ministry of Justice' },
    { id: 'mvd', name: 'Ministry of Internal Affairs' },
    { id: 'rags', name: 'Civil registry' },
    { id: 'social', name: 'Social protection' },
  ],
  groups: [
    { id: 'centre-clerks', name: 'Front-office clerks of the centres' },
    { id: 'mj-registration', name: 'Company registration', agency: 'mj' },
    { id: 'mj-supervisors', name: 'Justice supervisors', agency: 'mj' },
    { id: 'mj-desk', name: 'Justice desk (applications taken in at the agency)', agency: 'mj' },
    { id: 'mvd-passport', name: 'Identity documents', agency: 'mvd' },
    { id: 'mvd-supervisors', name: 'Interior supervisors', agency: 'mvd' },
    { id: 'social-benefits', name: 'Benefits', agency: 'social' },
  ],
  users: [
    { id: 'designer', name: 'Designer', roles: ['designer'], groups: [] },
    { id: 'clerk-astana', name: 'Astana clerk', roles: ['clerk'], groups: ['centre-clerks'], centre: 'astana-1' },
    { id: 'clerk-almaty', name: 'Almaty clerk', roles: ['clerk'], groups: ['centre-clerks'], centre: 'almaty-1' },
    { id: 'mj-1', name: 'Justice official 1', roles: ['official'], groups: ['mj-registration'], agency: 'mj' },
    { id: 'mj-2', name: 'Justice official 2', roles: ['official'], groups: ['mj-registration'], agency: 'mj' },
    { id: 'mj-desk-1', name: 'Justice desk official', roles: ['official'], groups: ['mj-desk'], agency: 'mj' },
    { id: 'mvd-1', name: 'Interior official 1', roles: ['official'], groups: ['mvd-passport'], agency: 'mvd' },
    { id: 'mvd-2', name: 'Interior official 2', roles: ['official'], groups: ['mvd-passport'], agency: 'mvd' },
    { id: 'social-1', name: 'Social official', roles: ['official'], groups: ['social-benefits'], agency: 'social' },
    { id: 'mj-supervisor', name: 'Justice supervisor', roles: ['supervisor'], groups: ['mj-supervisors'], agency: 'mj' },
    { id: 'mvd-supervisor', name: 'Interior supervisor', roles: ['supervisor'], groups: ['mvd-supervisors'], agency: 'mvd' },
    { id: 'coordinator', name: 'Coordinator', roles: ['coordinator'], groups: [] },
    { id: 'auditor', name: 'Auditor', roles: ['auditor'], groups: [] },
  ],
  routing: [],
};

/** A server with the security organisation and the named catalogue services deployed. */
export async function startSecurityServer(codes: readonly string[]): Promise<TestServer> {
  const server = await startTestServer({ organisation: SECURITY_ORGANISATION });
  for (const code of codes) {
    const response = await deploy(server, catalogue(code));
    if (response.status !== 201) throw new Error(`deploy ${code}: ${response.status} ${await response.text()}`);
  }
  return server;
}

/** An application taken in at a centre by a clerk: its id, tracking number and intake task. */
export async function takeIn(server: TestServer, serviceCode: string, clerk: string, extra: Record<string, unknown> = {}) {
  const response = await server.api('/api/applications', {
    method: 'POST',
    json: { serviceCode, channel: 'centre', applicant: { iin: '900101300123', name: 'Aigerim Sadykova' }, documents: ['application', 'id'], ...extra },
    as: clerk,
  });
  if (response.status !== 201) throw new Error(`take in ${serviceCode}: ${response.status} ${await response.text()}`);
  const { id, trackingNumber } = (await response.json()) as { id: string; trackingNumber: string };
  return { id, trackingNumber, intake: await openTask(server, id, 'check_completeness') };
}

/** The open task of an application at an element. */
export async function openTask(server: TestServer, instanceId: string, elementId: string): Promise<TaskRecord> {
  const task = (await server.engine.tasks({ instanceId })).find((t) => t.elementId === elementId);
  if (!task) throw new Error(`no open task at ${elementId} of ${instanceId}`);
  return task;
}

/** Completes a task through the API as a user, failing loudly when it is refused. */
export async function complete(server: TestServer, taskId: string, as: string, json: Record<string, unknown> = {}): Promise<void> {
  const response = await server.api(`/api/tasks/${taskId}/complete`, { method: 'POST', json, as });
  if (response.status !== 200) throw new Error(`complete ${taskId} as ${as}: ${response.status} ${await response.text()}`);
}

/** An absence that surely covers today in Almaty, whatever the hour. */
export function aroundToday(): { from: string; to: string } {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return { from: day(-1), to: day(1) };
}
