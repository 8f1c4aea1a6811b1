"""Where work enters the code: HTTP routes and handlers, CLI mains, queue consumers, jobs.

Rules are data: (language, kind, framework, line regex), plus path rules for
frameworks that route by file name (Next.js, Rails, Laravel). A file may hold
many entry points; each declaration counts once, capped per file.
"""

from __future__ import annotations

import re

from integration_risk.graph.facts import Entry
from integration_risk.lines import LineIndex
from integration_risk.scan.masking import safe_snippet

MAX_PER_FILE = 25

_HTTP_VERB = r"(?:get|post|put|patch|delete|head|options|all|route|api_route|websocket)"
_RULES: list[tuple[str, str, str, str]] = [
    # Python
    ("python", "http", "flask/fastapi", rf"^[ \t]*@\w+\.{_HTTP_VERB}\s*\("),
    ("python", "http", "django", r"^[ \t]*urlpatterns\s*[+]?=|^[ \t]*(?:re_)?path\(\s*r?['\"]"),
    (
        "python",
        "http",
        "django",
        r"^[ \t]*class\s+\w+\(.*\b(?:APIView|ViewSet|ModelViewSet|GenericAPIView|View|TemplateView|FormView|ListView|DetailView)\b",
    ),
    (
        "python",
        "http",
        "aiohttp",
        r"^[ \t]*@routes\.(?:get|post|put|delete|patch)\(|\.router\.add_(?:get|post|route)\(",
    ),
    ("python", "cli", "python", r"^if\s+__name__\s*==\s*['\"]__main__['\"]"),
    ("python", "cli", "click/typer", r"^[ \t]*@(?:click\.command|click\.group|\w+\.command)\s*\(?"),
    ("python", "cli", "django", r"^class\s+Command\(\s*BaseCommand\s*\)"),
    ("python", "worker", "celery", r"^[ \t]*@(?:shared_task|\w+\.task|celery\.task|app\.task)\b"),
    (
        "python",
        "worker",
        "dramatiq/rq",
        r"^[ \t]*@(?:dramatiq\.actor|actor|job)\b|\bConsumer\)\s*:|\.basic_consume\(",
    ),
    ("python", "scheduled", "celery-beat", r"\bbeat_schedule\b|@periodic_task|crontab\("),
    (
        "python",
        "scheduled",
        "apscheduler",
        r"\.add_job\(|@\w+\.scheduled_job\(|\bschedule\.every\(",
    ),
    # JavaScript / TypeScript
    (
        "js",
        "http",
        "express/koa/fastify",
        rf"\b(?:app|router|server|fastify|api|route[rs]?)\.{_HTTP_VERB}\s*\(\s*['\"`/]",
    ),
    ("js", "http", "nestjs", r"^[ \t]*@(?:Controller|Get|Post|Put|Patch|Delete|All)\s*\("),
    (
        "js",
        "http",
        "nextjs",
        r"^[ \t]*export\s+(?:async\s+)?function\s+(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|^[ \t]*export\s+const\s+(?:GET|POST|PUT|PATCH|DELETE)\s*=",
    ),
    (
        "js",
        "http",
        "node",
        r"\bhttp\.createServer\s*\(|\bexpress\(\)|new\s+Koa\(\)|\bFastify\(|\bcreateServer\(",
    ),
    (
        "js",
        "cli",
        "node",
        r"^#!.*\bnode\b|\bprogram\s*\.\s*(?:command|parse)\s*\(|\byargs\b.*\.argv|\bnew\s+Command\(",
    ),
    (
        "js",
        "worker",
        "bullmq/kafka/amqp",
        r"\bnew\s+Worker\s*\(|\.process\s*\(\s*(?:['\"]|async|\()|\bconsumer\.run\s*\(|\.consume\s*\(|@Processor\s*\(|@(?:EventPattern|MessagePattern|OnQueue\w*|SqsMessageHandler)\s*\(|\.subscribe\s*\(\s*['\"]",
    ),
    (
        "js",
        "scheduled",
        "cron",
        r"\bcron\.schedule\s*\(|\bnew\s+CronJob\s*\(|@Cron\s*\(|@Interval\s*\(|\bscheduleJob\s*\(|\brepeat:\s*\{\s*(?:cron|pattern|every)",
    ),
    # Go
    (
        "go",
        "http",
        "net/http",
        r"\bhttp\.(?:HandleFunc|Handle|ListenAndServe\w*)\s*\(|\.(?:HandleFunc|Handle)\s*\(\s*\"",
    ),
    (
        "go",
        "http",
        "gin/echo/chi",
        r"\.(?:GET|POST|PUT|PATCH|DELETE|Any|Get|Post|Put|Patch|Delete|Group|Route)\s*\(\s*\"/",
    ),
    ("go", "worker", "go", r"\.Subscribe\s*\(|\.Consume\s*\(|\bNewConsumer\w*\s*\("),
    ("go", "scheduled", "cron", r"\bcron\.New\s*\(|\.AddFunc\s*\(|\.AddJob\s*\("),
    # Java / Kotlin / Scala
    (
        "java",
        "http",
        "spring",
        r"^[ \t]*@(?:RestController|Controller|RequestMapping|GetMapping|PostMapping|PutMapping|PatchMapping|DeleteMapping)\b",
    ),
    ("java", "http", "jax-rs", r"^[ \t]*@(?:Path|GET|POST|PUT|DELETE)\b(?!\w)"),
    ("java", "cli", "java", r"\bpublic\s+static\s+void\s+main\s*\(|^[ \t]*fun\s+main\s*\("),
    (
        "java",
        "worker",
        "spring",
        r"^[ \t]*@(?:KafkaListener|RabbitListener|JmsListener|SqsListener|StreamListener|RabbitHandler)\b",
    ),
    (
        "java",
        "scheduled",
        "spring",
        r"^[ \t]*@(?:Scheduled|Schedules)\b|\bimplements\s+(?:org\.quartz\.)?Job\b",
    ),
    # C#
    (
        "csharp",
        "http",
        "asp.net",
        r"\[(?:ApiController|Http(?:Get|Post|Put|Patch|Delete)|Route)\b|:\s*(?:Controller|ControllerBase)\b|\.Map(?:Get|Post|Put|Patch|Delete|Methods|Controllers|Hub)\s*\(",
    ),
    ("csharp", "cli", "dotnet", r"\bstatic\s+(?:async\s+)?(?:void|int|Task(?:<int>)?)\s+Main\s*\("),
    (
        "csharp",
        "worker",
        "dotnet",
        r":\s*(?:BackgroundService|IHostedService|IConsumer<)|\[(?:QueueTrigger|ServiceBusTrigger|EventHubTrigger)\b",
    ),
    ("csharp", "scheduled", "dotnet", r"\bRecurringJob\.AddOrUpdate\b|:\s*IJob\b|\[TimerTrigger\b"),
    # Ruby
    (
        "ruby",
        "http",
        "rails",
        r"^[ \t]*class\s+\w+(?:::\w+)*\s*<\s*(?:ApplicationController|ActionController::(?:Base|API)|\w+::ApplicationController|Api::\w*Controller)",
    ),
    ("ruby", "http", "sinatra", r"^[ \t]*(?:get|post|put|patch|delete)\s+['\"]/"),
    (
        "ruby",
        "worker",
        "sidekiq/activejob",
        r"^[ \t]*class\s+\w+(?:::\w+)*\s*<\s*(?:ApplicationJob|ActiveJob::Base)|^[ \t]*include\s+Sidekiq::(?:Worker|Job)\b|^[ \t]*include\s+Shoryuken::Worker",
    ),
    ("ruby", "cli", "rake", r"^[ \t]*task\s+[:\w]"),
    ("ruby", "scheduled", "whenever/sidekiq-cron", r"^[ \t]*every\s+[\d:]|Sidekiq::Cron::Job"),
    # PHP
    (
        "php",
        "http",
        "laravel",
        r"\bRoute::(?:get|post|put|patch|delete|any|match|resource|apiResource|group)\s*\(",
    ),
    (
        "php",
        "http",
        "laravel/symfony",
        r"\bextends\s+(?:\w+\\)*(?:Controller|AbstractController)\b|#\[Route\(",
    ),
    ("php", "worker", "laravel", r"\bimplements\s+[\w\\, ]*\bShouldQueue\b|#\[AsMessageHandler"),
    ("php", "cli", "laravel/symfony", r"\bextends\s+(?:\w+\\)*Command\b"),
    ("php", "scheduled", "laravel", r"\$schedule->(?:command|job|call|exec)\s*\("),
]
_COMPILED: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
for _language, _kind, _framework, _regex in _RULES:
    _COMPILED.setdefault(_language, []).append((_kind, _framework, re.compile(_regex, re.M)))

# Frameworks that route by file name.
_PATH_RULES: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "http",
        "nextjs",
        re.compile(r"(?:^|/)pages/api/.+\.[jt]sx?$|(?:^|/)app/(?:.+/)?route\.[jt]s$"),
    ),
    ("http", "nextjs", re.compile(r"(?:^|/)app/(?:.+/)?page\.[jt]sx?$")),
    ("http", "rails", re.compile(r"(?:^|/)config/routes\.rb$")),
    ("http", "laravel", re.compile(r"(?:^|/)routes/(?:web|api)\.php$")),
    ("cli", "django", re.compile(r"(?:^|/)manage\.py$")),
    ("cli", "script", re.compile(r"(?:^|/)bin/[\w.-]+\.(?:rb|py|js|php)$")),
    ("scheduled", "whenever", re.compile(r"(?:^|/)config/schedule\.rb$")),
]
_GO_MAIN = re.compile(r"^func\s+main\s*\(\s*\)", re.M)


def find_entries(
    relpath: str, text: str, language: str, lines: LineIndex, package: str
) -> list[Entry]:
    """Entry points declared in one file, in line order."""
    found: dict[tuple[int, str], Entry] = {}
    for kind, framework, regex in _PATH_RULES:
        if regex.search(relpath):
            found[(1, kind)] = Entry(1, kind, framework, relpath.rsplit("/", 1)[-1])
    if language == "go" and package == "main":
        match = _GO_MAIN.search(text)
        if match:
            line = lines.line_of(match.start())
            found[(line, "cli")] = Entry(line, "cli", "go", "func main()")
    for kind, framework, regex in _COMPILED.get(language, ()):
        for match in regex.finditer(text):
            line = lines.line_of(match.start())
            if (line, kind) not in found:
                snippet = safe_snippet(lines.line_text(line), 100)
                found[(line, kind)] = Entry(line, kind, framework, snippet)
            if len(found) >= MAX_PER_FILE:
                break
    return sorted(found.values(), key=lambda e: (e.line, e.kind))[:MAX_PER_FILE]
