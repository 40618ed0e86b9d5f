import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { JobQueueService } from './job-queue.service';

/**
 * Enqueues `kind` on a cron schedule (UTC). The singleton key keeps several servers with the same
 * schedule from queueing the same run twice; workers do the work.
 */
export function scheduleJob(registry: SchedulerRegistry, queue: JobQueueService, logger: Logger, kind: string, expression: string): void {
  const job = CronJob.from({
    cronTime: expression,
    onTick: () =>
      void queue.enqueue(kind, {}, { singletonKey: kind }).catch((err: Error) => logger.error(`could not enqueue ${kind}: ${err.message}`)),
    timeZone: 'UTC',
  });
  registry.addCronJob(kind, job);
  job.start();
  logger.log(`${kind} scheduled "${expression}" (UTC), next at ${job.nextDate().toISO()}`);
}
