import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GITHUB_WEBHOOK_PATH, WebhookRawBody } from './webhook-raw-body';
import { GithubWebhooksService, WebhookReceipt } from './github-webhooks.service';

/** POST /webhooks/github (the URL to enter in GitHub's webhook or GitHub App settings). */
@Controller(GITHUB_WEBHOOK_PATH.slice(1))
export class GithubWebhooksController {
  constructor(private readonly webhooks: GithubWebhooksService) {}

  @Post()
  @HttpCode(200)
  async receive(
    @Req() req: Request & WebhookRawBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebhookReceipt['body']> {
    const receipt = await this.webhooks.receive({
      headers: req.headers,
      body: Buffer.isBuffer(req.body) ? req.body : undefined,
      tooLarge: req.webhookBodyTooLarge,
    });
    res.status(receipt.status);
    return receipt.body;
  }
}
