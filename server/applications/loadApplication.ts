import type { ApplicationView, Engine } from '../../engine/index.js';

/**
 * An application as the API shows it: the instance, who took it in and when (from the audit
 * trail's `instance.start`), and its tasks, open and closed. The redaction layer decides which
 * of these names a viewer may see.
 */
export async function loadApplication(engine: Engine, id: string): Promise<ApplicationView> {
  const instance = await engine.instance(id);
  const [trail, tasks] = await Promise.all([engine.audit({ subject: id, limit: 50 }), engine.tasks({ instanceId: id, state: 'any', limit: 1000 })]);
  const start = trail.find((entry) => entry.action === 'instance.start');
  return {
    ...instance,
    ...(start ? { intake: { ...(start.actor && start.actor !== 'system' ? { by: start.actor } : {}), at: start.at } } : {}),
    tasks,
  };
}
