import { Module } from '@nestjs/common';
import { IssueTracker } from './issue-tracker.service.js';
import { IssuesController } from './issues.controller.js';
import { IssuesRepository } from './issues.repository.js';
import { IssuesService } from './issues.service.js';

/** Failed steps grouped into issues, and failing streaks (docs/operations.md#issues). */
@Module({
  controllers: [IssuesController],
  providers: [IssuesRepository, IssuesService, IssueTracker],
})
export class IssuesModule {}
