"""NestJS BullMQ (held-out round 11, resil-n): the job options of `BullModule.forRoot(..)`
hold for every queue registered without its own, and `registerQueue({ name, defaultJobOptions
})` for its queue; the `@Processor(name)` class runs the queue's jobs. The processor reaches
the mail transport through an interface-typed dependency (`private readonly mailer:
MailSender`), dispatched to the class that `implements MailSender`. Tiny synthetic files."""

from __future__ import annotations

from tests.conftest import TreeBuilder
from tests.resilience.builders import verdicts_of

_QUEUE_MODULE = """import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';

@Module({
  imports: [
    BullModule.forRoot({
      connection: { host: 'localhost', port: 6379 },
      defaultJobOptions: {
        attempts: 4,
        backoff: { type: 'exponential', delay: 5000 },
      },
    }),
    BullModule.registerQueue({ name: 'mail' }),
    BullModule.registerQueue({
      name: 'report',
      defaultJobOptions: { attempts: 1 },
    }),
  ],
})
export class QueueModule {}
"""
_MAIL_SENDER = """export interface MailSender {
  send(to: string, body: string): Promise<void>;
}
"""
_SMTP_SENDER = """import * as nodemailer from 'nodemailer';
import { MailSender } from './mail-sender';

export class SmtpSender implements MailSender {
  private readonly transport = nodemailer.createTransport({ host: 'smtp.example.org' });

  async send(to: string, body: string): Promise<void> {
    await this.transport.sendMail({ to, text: body });
  }
}
"""
_MAIL_PROCESSOR = """import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { MailSender } from './mail-sender';

@Processor('mail')
export class MailProcessor extends WorkerHost {
  constructor(private readonly mailer: MailSender) {
    super();
  }

  async process(job: Job<{ to: string; body: string }>): Promise<void> {
    await this.mailer.send(job.data.to, job.data.body);
  }
}
"""
_REPORT_PROCESSOR = """import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

@Processor('report')
export class ReportProcessor extends WorkerHost {
  async process(job: Job<{ url: string }>): Promise<void> {
    const response = await fetch(job.data.url, { signal: AbortSignal.timeout(5000) });
    await response.text();
  }
}
"""


def _tree(make_tree: TreeBuilder):  # type: ignore[no-untyped-def]
    return make_tree(
        {
            "src/queue/queue.module.ts": _QUEUE_MODULE,
            "src/mail/mail-sender.ts": _MAIL_SENDER,
            "src/mail/smtp.sender.ts": _SMTP_SENDER,
            "src/mail/mail.processor.ts": _MAIL_PROCESSOR,
            "src/report/report.processor.ts": _REPORT_PROCESSOR,
        }
    )


def test_a_processor_retries_under_the_shared_job_options(make_tree: TreeBuilder) -> None:
    verdicts = verdicts_of(_tree(make_tree), "smtp", [("src/mail/smtp.sender.ts", 8)], "call")
    verdict, reasons = verdicts["retry"]
    assert verdict == "yes", reasons
    assert "queue.module.ts:9" in reasons
    assert "MailProcessor.process" in reasons


def test_a_queue_with_one_attempt_of_its_own_does_not_retry(make_tree: TreeBuilder) -> None:
    verdicts = verdicts_of(
        _tree(make_tree), "reports", [("src/report/report.processor.ts", 7)], "call"
    )
    verdict, reasons = verdicts["retry"]
    assert verdict == "no", reasons


def test_a_feature_module_queue_keeps_its_own_options_over_for_root(
    make_tree: TreeBuilder,
) -> None:
    # review 25: `forRoot` in app.module, the report queue's own `registerQueue` (one
    # attempt) in its feature module: the shared options do not reach that queue
    app = _QUEUE_MODULE.replace(
        "    BullModule.registerQueue({\n      name: 'report',\n"
        "      defaultJobOptions: { attempts: 1 },\n    }),\n",
        "",
    )
    report = (
        "import { Module } from '@nestjs/common';\nimport { BullModule } from '@nestjs/bullmq';\n\n"
        "@Module({\n  imports: [\n    BullModule.registerQueue({\n      name: 'report',\n"
        "      defaultJobOptions: { attempts: 1 },\n    }),\n  ],\n})\n"
        "export class ReportModule {}\n"
    )
    root = make_tree(
        {
            "src/queue.module.ts": app,
            "src/report/report.module.ts": report,
            "src/report/report.processor.ts": _REPORT_PROCESSOR,
        }
    )
    verdict, reasons = verdicts_of(
        root, "reports", [("src/report/report.processor.ts", 7)], "call"
    )["retry"]
    assert verdict == "no", reasons


_SENDERS = (
    _SMTP_SENDER
    + """
export class AuditHook {
  async send(to: string, body: string): Promise<void> {
    await fetch(process.env.AUDIT_URL!, { method: 'POST', body });
  }
}
"""
)


def test_interface_reach_takes_the_implementing_class_not_its_file(
    make_tree: TreeBuilder,
) -> None:
    # review 25: `AuditHook.send`, beside `SmtpSender implements MailSender` in one file, was
    # said to run in the mail job (and so to be retried by the queue)
    root = make_tree(
        {
            "src/queue/queue.module.ts": _QUEUE_MODULE,
            "src/mail/mail-sender.ts": _MAIL_SENDER,
            "src/mail/smtp.sender.ts": _SENDERS,
            "src/mail/mail.processor.ts": _MAIL_PROCESSOR,
        }
    )
    assert verdicts_of(root, "smtp", [("src/mail/smtp.sender.ts", 8)], "call")["retry"][0] == "yes"
    verdict, reasons = verdicts_of(root, "audit", [("src/mail/smtp.sender.ts", 14)], "call")[
        "retry"
    ]
    assert verdict == "no", reasons
