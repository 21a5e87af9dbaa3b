import type { z } from 'zod';
import type { ApiClient } from '../api/ApiClient.js';
import type { NotificationDeliverySchema, NotificationStatusSchema } from '../../../server/notifications/notifications.routes.js';

/** The operators' outbox routes (server/notifications): the answers' types come from the server's schemas. */
export type NotificationDelivery = z.infer<typeof NotificationDeliverySchema>;
export type NotificationStatus = z.infer<typeof NotificationStatusSchema>;
export type NotificationFilter = 'pending' | 'failed' | 'dead' | 'delivered' | 'skipped';

export const notificationsApi = {
  status: (api: ApiClient) => api.request<NotificationStatus>('GET', '/api/notifications/status'),
  list: (api: ApiClient, state: NotificationFilter) => api.request<NotificationDelivery[]>('GET', `/api/notifications?state=${state}`),
  retry: (api: ApiClient, id: string) => api.request<NotificationDelivery>('POST', `/api/notifications/${encodeURIComponent(id)}/retry`),
};
