/** What a built-in service-task handler gets and gives (a leaf module: the engine's API and the handlers both read it). */
export interface HandlerInput {
  readonly instanceId: string;
  readonly trackingNumber: string;
  readonly elementId: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly now: Date;
}

/**
 * A built-in service-task handler (named by `ps:handler`). Returns variables to merge; throws a
 * BpmnError for a business error an error boundary catches; any other throw is an incident.
 */
export type ServiceHandler = (input: HandlerInput) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;
