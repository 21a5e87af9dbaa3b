import type { GroupSummary } from '../api/oversightApi.js';

export type GroupListState = 'loading' | 'loaded' | 'failed';

interface EventBus {
  fire(event: string, data?: unknown): unknown;
}

/** What the modeler is configured with (`publicService.loadGroups`): the page passes `GET /api/groups`. */
export interface PublicServiceConfig {
  readonly loadGroups?: () => Promise<readonly GroupSummary[]>;
}

/**
 * The groups `ps:candidateGroup` may name, loaded once per modeler from the server. When the
 * list arrives (or fails), the properties panel is re-rendered so the field becomes a select
 * (or stays free text).
 */
export class CandidateGroups {
  static $inject = ['eventBus', 'config.publicService'];

  state: GroupListState = 'loading';
  groups: readonly GroupSummary[] = [];

  constructor(
    private readonly eventBus: EventBus,
    config: PublicServiceConfig | undefined,
  ) {
    if (!config?.loadGroups) {
      this.state = 'failed';
      return;
    }
    config.loadGroups().then(
      (groups) => this.settle('loaded', [...groups].sort((a, b) => a.id.localeCompare(b.id))),
      () => this.settle('failed', []),
    );
  }

  find(id: string): GroupSummary | undefined {
    return this.groups.find((group) => group.id === id);
  }

  private settle(state: GroupListState, groups: readonly GroupSummary[]) {
    this.state = state;
    this.groups = groups;
    // The panel listens for this to render its entries again.
    this.eventBus.fire('propertiesPanel.providersChanged');
  }
}
