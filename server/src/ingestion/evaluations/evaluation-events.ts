import { Injectable, Logger } from '@nestjs/common';

export interface EvaluationCompleted {
  channel: string;
  evaluationId: number;
}

export type EvaluationCompletedHandler = (event: EvaluationCompleted) => Promise<void> | void;

/**
 * Where other modules hear that an evaluation of a channel completed (in the `ingestion.evaluate`
 * job), usually subscribing in onModuleInit: `events.onCompleted((e) => this.queue…, 'pr-tracking')`.
 * Handlers should be quick (enqueue a job): the evaluation is complete whatever they do, so a
 * failing handler is logged and the others still run. Imports outside a job (CLI, demo) announce
 * nothing: subscribers that must not miss one also follow the evaluation table themselves.
 */
@Injectable()
export class EvaluationEvents {
  private readonly logger = new Logger(EvaluationEvents.name);
  private readonly handlers: Array<{ name: string; handler: EvaluationCompletedHandler }> = [];

  onCompleted(handler: EvaluationCompletedHandler, name: string): void {
    this.handlers.push({ name, handler });
  }

  async completed(event: EvaluationCompleted): Promise<void> {
    for (const { name, handler } of this.handlers) {
      try {
        await handler(event);
      } catch (error) {
        this.logger.warn(`${name} failed on evaluation ${event.evaluationId} of ${event.channel}: ${(error as Error).message}`);
      }
    }
  }
}
