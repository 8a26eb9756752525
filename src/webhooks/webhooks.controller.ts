import { route } from '../common/links.js';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import { uuidParam } from '../common/uuid-param.pipe.js';
import {
  CreateWebhookDto,
  ListDeliveriesQueryDto,
  ListWebhooksQueryDto,
  RotateWebhookSecretDto,
  UpdateWebhookDto,
} from './dto/webhook.dto.js';
import {
  SentAttemptDto,
  TestPingDto,
  WebhookDeliveryPageDto,
  WebhookDto,
  WebhookEventPageDto,
  WebhookPageDto,
  WebhookWithSecretDto,
} from './dto/webhook-responses.dto.js';
import { EVENT_CATALOGUE } from './event-catalogue.js';
import { ListQueryDto } from '../common/page-query.dto.js';
import { byName, pageList } from '../common/page-list.js';
import { WebhooksService } from './webhooks.service.js';

const ID = uuidParam(`webhook subscription id (${route('GET', '/webhooks')} lists them)`);

/** Subscriptions to Flowhub's own events, signed deliveries and their log. */
@ApiTags('webhooks')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@ApiBadRequestResponse({ type: ErrorBodyDto })
@UseGuards(JsonBodyGuard)
@Controller(`${API_PREFIX}/webhooks`)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('events/available')
  @ApiOkResponse({ type: WebhookEventPageDto, description: 'Every event, A-Z' })
  available(@Query() query: ListQueryDto) {
    const events = Object.entries(EVENT_CATALOGUE).map(([name, description]) => ({
      name,
      description,
    }));
    return pageList(
      events,
      query,
      byName((e) => e.name),
    );
  }

  @Get()
  @ApiOkResponse({ type: WebhookPageDto, description: 'Subscriptions, newest first' })
  list(@Query() query: ListWebhooksQueryDto) {
    return this.webhooks.list(query);
  }

  @Post()
  @ApiCreatedResponse({
    type: WebhookWithSecretDto,
    description: 'The subscription with its secret (shown this once)',
  })
  create(@Body() body: CreateWebhookDto) {
    return this.webhooks.create(body);
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@Param('id', ID) id: string) {
    return this.webhooks.get(id);
  }

  @Put(':id')
  @ApiOkResponse({
    type: WebhookDto,
    description: 'Fields given are changed; isActive: true re-enables',
  })
  update(@Param('id', ID) id: string, @Body() body: UpdateWebhookDto) {
    return this.webhooks.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its delivery log' })
  async remove(@Param('id', ID) id: string): Promise<void> {
    await this.webhooks.remove(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({
    type: WebhookWithSecretDto,
    description: 'The new secret (shown once); the old one signs too during the grace period',
  })
  rotateSecret(@Param('id', ID) id: string, @Body() body: RotateWebhookSecretDto) {
    return this.webhooks.rotateSecret(id, body);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOkResponse({
    type: TestPingDto,
    description:
      'Sends webhook.test once, never retried; returns the attempt (status 0 + errorClass when no answer)',
  })
  test(@Param('id', ID) id: string) {
    return this.webhooks.test(id);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({
    type: WebhookDeliveryPageDto,
    description: 'Newest first, each with its attempts',
  })
  deliveries(@Param('id', ID) id: string, @Query() query: ListDeliveriesQueryDto) {
    return this.webhooks.deliveries(id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(200)
  @ApiOkResponse({
    type: SentAttemptDto,
    description: 'Sent again now with the same webhook-id; returns the attempt',
  })
  redeliver(
    @Param('id', ID) id: string,
    @Param(
      'deliveryId',
      uuidParam(`delivery id (${route('GET', '/webhooks/:id/deliveries')} lists them)`),
    )
    deliveryId: string,
  ) {
    return this.webhooks.redeliver(id, deliveryId);
  }
}
