"""General rules found on the seventeenth round of never-seen repositories (a Flask app,
a Laravel app, a TypeScript monorepo), each checked on small synthetic trees."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from integration_risk.scan.features import function_feature
from integration_risk.scan.fundefs import FUNCTION_DEF
from integration_risk.scan.testcode import is_test_path
from tests.scan.trees import scan, write

# Notification senders as prettier writes them: each arrow function's parameters go on over
# the next lines, and the URL each one calls comes from the stored channel settings.
_TS_SENDERS = """import type { Channel } from "./types";

export const sendGotifyNotification = async (
\tconnection: Channel,
\tmessage: string,
) => {
\tconst response = await fetch(`${connection.serverUrl}/message`, {
\t\tmethod: "POST",
\t\tbody: JSON.stringify({ message }),
\t});
\treturn response.ok;
};

export const sendPushoverNotification = async (connection: Channel, text: string) => {
\tawait fetch("https://api.pushover.net/1/messages.json", {
\t\tmethod: "POST",
\t\tbody: text,
\t});
};

export const sendSlackNotification = async (
\tconnection: Channel,
\tmessage: unknown,
) => {
\tawait fetch(connection.webhookUrl, { method: "POST", body: JSON.stringify(message) });
};
"""


def _lines(found: dict, system: str) -> list[int]:
    return sorted(e.line for e in found[system].evidence) if system in found else []


def test_arrow_functions_with_parameters_on_the_next_lines_name_their_calls(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"packages/server/src/notify/senders.ts": _TS_SENDERS})
    found = scan(tmp_path)
    assert 7 in _lines(found, "gotify")
    assert 25 in _lines(found, "slack")
    # the literal host of the function between them does not take their calls
    assert _lines(found, "pushover") == [15]


@pytest.mark.parametrize(
    ("lines", "at", "expected"),
    [
        # an object's function-valued properties (JS)
        (
            [
                "const senders = {",
                "  gotify: async (settings, text) => {",
                "    return fetch(settings.url + '/message');",
                "  },",
                "};",
            ],
            2,
            "gotify",
        ),
        # a TS class method without modifiers
        (
            [
                "class Notifier {",
                "  sendGotify(settings: Settings): Promise<void> {",
                "    return fetch(settings.url);",
                "  }",
                "}",
            ],
            2,
            "gotify",
        ),
        # multi-line parameter lists that the other forms already read (Python, Go, PHP)
        (
            ["def send_gotify(", "    settings,", "):", "    requests.post(settings.url)"],
            3,
            "gotify",
        ),
        (
            ["func sendGotify(", "\tcfg Config,", ") error {", "\thttp.Post(cfg.URL, t, b)"],
            3,
            "gotify",
        ),
        (
            [
                "    public function sendGotify(",
                "        array $s",
                "    ) {",
                "        $this->http->post($s['url']);",
            ],
            3,
            "gotify",
        ),
    ],
)
def test_the_function_a_call_is_in_is_found_in_every_form(
    lines: list[str], at: int, expected: str
) -> None:
    assert function_feature(lines, at) == expected


@pytest.mark.parametrize(
    "head",
    [
        "  repeat(3) {",  # Kotlin block calls, not definitions
        "  withContext(Dispatchers.IO) {",
        "  synchronized (lock) {",
        "  when (state) {",
        "  if (ready) {",
        "  foreach ($rows as $row) {",
        # Kotlin block calls with a name argument, as a JS method's parameters read
        "  transaction(db) {",
        "  launch(scope) {",
        "  runCatching(url) {",
    ],
)
def test_statements_and_block_calls_are_not_definitions(head: str) -> None:
    lines = ["fun sendGotify(cfg: Config) {", head, "    client.post(cfg.url)", "  }", "}"]
    assert function_feature(lines, 2) == "gotify"


@pytest.mark.parametrize(
    "lines",
    [
        # an object literal's shorthand method (JS)
        ["const senders = {", "  gotify(settings) {", "    return fetch(settings.url);"],
        # a class whose head goes on over two lines, a decorator and a method before it (TS)
        [
            "export class Notifier",
            "  extends Base {",
            "  constructor(http) {",
            "    super(http);",
            "  }",
            "  @Post()",
            "  gotify(settings: Settings) {",
            "    return fetch(settings.url);",
        ],
    ],
)
def test_a_js_method_in_a_class_body_or_object_literal_is_a_definition(lines: list[str]) -> None:
    assert function_feature(lines, len(lines) - 1) == "gotify"


# Drivers offered to the operator: an installer's list and a settings page's lists. The
# framework's config only has the skeleton's blocks (weak alone).
_OFFERED = {
    "php": (
        "app/Console/Commands/InstallCommand.php",
        "<?php\nclass InstallCommand extends Command\n{\n"
        "    protected function configureDatabase(array $config)\n    {\n"
        "        $config['DB_DRIVER'] = $this->choice('Which database driver?', [\n"
        "            'mysql'  => 'MySQL',\n"
        "            'pgsql'  => 'PostgreSQL',\n"
        "            'sqlsrv' => 'SQL Server',\n"
        "        ]);\n"
        "        $mail = ['smtp' => 'SMTP', 'sparkpost' => 'SparkPost', 'log' => 'Log'];\n"
        "    }\n}\n",
        {"postgresql": 8, "mysql": 7, "mssql": 9, "sparkpost": 11},
    ),
    "python": (
        "setup/forms.py",
        "from django import forms\n\nENGINES = [\n    ('postgresql', 'PostgreSQL'),\n"
        "    ('mysql', 'MySQL'),\n]\n\nclass InstallForm(forms.Form):\n"
        "    engine = forms.ChoiceField(choices=ENGINES)\n",
        {"postgresql": 4, "mysql": 5},
    ),
    "ruby": (
        "app/helpers/setup_helper.rb",
        "module SetupHelper\n  def queue_options\n"
        "    [['Beanstalk', 'beanstalkd'], ['Redis', 'redis']]\n  end\nend\n",
        {"beanstalkd": 3, "redis": 3},
    ),
    "ts": (
        "src/server/setup/drivers.ts",
        "export const MAIL_DRIVERS = {\n  mailgun: 'Mailgun',\n  sparkpost: 'SparkPost',\n};\n",
        {"mailgun": 2, "sparkpost": 3},
    ),
    "go": (
        "internal/setup/drivers.go",
        'package setup\n\nvar CacheDrivers = map[string]string{\n\t"memcached": "Memcached",\n'
        '\t"redis": "Redis",\n}\n',
        {"memcached": 4, "redis": 5},
    ),
}


@pytest.mark.parametrize("language", sorted(_OFFERED))
def test_a_driver_offered_by_its_slug_and_name_is_one_the_app_supports(
    tmp_path: Path, language: str
) -> None:
    path, text, expected = _OFFERED[language]
    write(tmp_path, {path: text})
    found = scan(tmp_path)
    for system, line in expected.items():
        assert line in _lines(found, system), system


# Each negative pair sits beside a selector word (`DRIVERS`), so it is its own rule that
# keeps it out.
@pytest.mark.parametrize(
    ("path", "text"),
    [
        # two slugs (a table of spellings), not a slug beside the name a person reads
        ("app/Support/Names.php", "<?php\n$drivers = ['postgres' => 'pgsql'];\n"),
        # a label map in a browser form: what the app deploys for its users
        ("src/components/DbPicker.tsx", "export const DRIVERS = { postgres: 'PostgreSQL' };\n"),
        # a slug beside a sentence that starts with its name
        (
            "app/health.py",
            "import logging\n# drivers\nROWS = [('postgresql', 'PostgreSQL is down')]\n",
        ),
        # an env name and a column beside a slug (`t_str(table, "pg_host", "PG_HOST")`)
        ("app/conf.rs", 'fn driver() {\n    read("pg_host", "PG_HOST");\n}\n'),
        ("app/share.ts", "driver\nq.innerJoin('postgresql', 'postgresql.workspaceId', 'w.id');\n"),
        # a match arm giving a variant's slug: an enum's spelling, not a list offered
        ("src/store.rs", 'fn driver() {\n    Self::Postgresql => "postgresql",\n}\n'),
        # a name beside an unrelated word
        ("app/report.py", "DRIVERS = [\n    ('postgresql', 'Mailgun'),\n]\n"),
    ],
)
def test_pairs_that_do_not_name_one_service_twice_are_not_choices(
    tmp_path: Path, path: str, text: str
) -> None:
    write(tmp_path, {path: text})
    found = scan(tmp_path)
    assert "postgresql" not in found
    assert "mailgun" not in found


# A highlighter's language list, a SQL formatter's dialects and a README's badges pair a
# slug with its name in server code, but nothing near them says the app connects to one.
_NOT_OFFERED = {
    "app/highlight.py": "from pygments.lexers import get_lexer_by_name\n\nLANGUAGES = [\n"
    "    ('python', 'Python'),\n    ('mysql', 'MySQL'),\n    ('postgresql', 'PostgreSQL'),\n"
    "    ('redis', 'Redis'),\n]\n\n\ndef lexer(name):\n    return get_lexer_by_name(name)\n",
    "internal/sqlfmt/dialects.go": "package sqlfmt\n\n// Dialects the formatter prints.\n"
    'var Dialects = map[string]string{\n\t"postgres": "PostgreSQL",\n\t"mysql": "MySQL",\n'
    '\t"sqlite": "SQLite",\n\t"mssql": "SQL Server",\n}\n',
    "src/server/icons.ts": "// brand names shown in the generated README badges\n"
    "export const BADGES = {\n  mongodb: 'MongoDB',\n  elasticsearch: 'Elasticsearch',\n"
    "  rabbitmq: 'RabbitMQ',\n};\n",
}


@pytest.mark.parametrize("path", sorted(_NOT_OFFERED))
def test_a_slug_beside_its_name_without_a_driver_word_is_not_a_choice(
    tmp_path: Path, path: str
) -> None:
    write(tmp_path, {path: _NOT_OFFERED[path]})
    found = scan(tmp_path)
    named = {"mongodb", "mssql", "mysql", "postgresql", "sqlite", "rabbitmq", "redis"}
    assert not named & set(found), sorted(found)


# LiteLLM routes a call by the model string's prefix: the providers the app can reach.
_ROUTES = {
    "python": (
        "app/llm/providers.py",
        "import os\n\n\ndef complete(messages, model):\n    import litellm\n\n"
        "    if model.startswith('anthropic/'):\n        messages = trim(messages)\n"
        "    prefixes = {'gemini': 'gemini/', 'ollama': 'ollama/', 'router': 'openrouter/'}\n"
        "    return litellm.completion(model=model, messages=messages, timeout=30)\n",
        {"anthropic": 7, "google-gemini": 9, "ollama": 9, "openrouter": 9},
    ),
    "ts": (
        "src/server/ai.ts",
        'import { completion } from "litellm";\n\n'
        "export const ask = async (name: string, prompt: string) =>\n"
        "  completion({ model: `ollama/${name}`, messages: [{ role: 'user', content: prompt }] });\n",
        {"ollama": 4},
    ),
}


@pytest.mark.parametrize("language", sorted(_ROUTES))
def test_a_litellm_model_route_names_the_provider_it_calls(tmp_path: Path, language: str) -> None:
    path, text, expected = _ROUTES[language]
    write(tmp_path, {path: text})
    found = scan(tmp_path)
    for system, line in expected.items():
        assert line in _lines(found, system), system


def test_provider_like_prefixes_without_litellm_name_nothing(tmp_path: Path) -> None:
    write(
        tmp_path, {"app/paths.py": "ROOTS = ['ollama/models', 'data/cache']\nPREFIX = 'gemini/'\n"}
    )
    found = scan(tmp_path)
    assert "ollama" not in found and "google-gemini" not in found


def test_hugging_face_model_ids_beside_litellm_are_not_routes(tmp_path: Path) -> None:
    # `openai/..`, `mistral/..` and `stabilityai/..` are Hugging Face ids handed to a local
    # pipeline, not LiteLLM routes; `openai_like/..` is a generic endpoint, no provider
    write(
        tmp_path,
        {
            "app/route.py": "import litellm\nfrom transformers import pipeline\n\n"
            'asr = pipeline("automatic-speech-recognition", model="openai/whisper-small")\n'
            'chat = pipeline("text-generation", model="mistral/Mistral-7B-v0.1")\n'
            'images = pipeline("text-to-image", model="stabilityai/stable-diffusion-2")\n\n\n'
            "def summarise(text):\n"
            '    return litellm.completion(model="openai_like/llama3", messages=[text])\n'
        },
    )
    found = scan(tmp_path)
    assert not {"openai", "mistral", "stability-ai"} & set(found), sorted(found)


def test_model_settings_and_fallbacks_in_a_litellm_file_are_routes(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/llm.py": "import os\n\nimport litellm\n\n"
            'LLM_MODEL = os.environ.get("LLM_MODEL", "anthropic/claude-3-5-sonnet")\n'
            'CHEAP_MODEL = "groq/llama-3.1-8b"\n\n\n'
            "def ask(prompt):\n    return litellm.completion(\n        model=LLM_MODEL,\n"
            '        messages=[{"role": "user", "content": prompt}],\n'
            '        fallbacks=["azure/gpt-4o"],\n    )\n'
        },
    )
    found = scan(tmp_path)
    assert _lines(found, "anthropic") == [5]
    assert _lines(found, "groq") == [6]
    assert _lines(found, "azure-openai") == [13]


@pytest.mark.parametrize(
    ("path", "sample"),
    [
        ("app/Console/Commands/DemoSeederCommand.php", True),  # PHP
        ("app/management/commands/seed_demo_data.py", True),  # Python
        ("lib/sample_data_seeder.rb", True),  # Ruby
        ("src/Infrastructure/SampleDataSeeder.cs", True),  # C#
        ("src/server/seed-demo.ts", True),  # TS
        ("app/management/commands/load_demo_data.py", True),  # a Django loader
        ("app/Console/Commands/CreateDemoData.php", True),  # a Laravel command
        ("src/onboarding/seedDemoWorkspace.ts", False),  # every new account's workspace
        ("app/Services/DemoSeedService.php", False),  # a service of the app
        ("app/ml/random_seed_sampler.py", False),  # `seed` and `sampler`: not sample data
        ("app/Http/Controllers/DemoController.php", False),  # a demo page the app serves
        ("app/Services/SeedService.php", False),  # seeds, but not sample data
        ("app/sampler.py", False),
    ],
)
def test_a_file_that_seeds_demo_or_sample_data_is_not_the_app(path: str, sample: bool) -> None:
    assert is_test_path(path) is sample


def test_production_code_named_for_demo_workspaces_or_seeds_is_the_app(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/onboarding/seedDemoWorkspace.ts": "import { S3Client, PutObjectCommand } from "
            '"@aws-sdk/client-s3";\n\nconst s3 = new S3Client({ region: process.env.AWS_REGION });'
            "\n\nexport async function seedDemoWorkspace(userId: string): Promise<void> {\n"
            "  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: userId }));\n}\n",
            "app/ml/random_seed_sampler.py": "import requests\n\n\ndef fetch_batch(seed):\n"
            '    return requests.get("https://api.openai.com/v1/models", timeout=5).json()\n',
        },
    )
    found = scan(tmp_path)
    assert "s3" in found and "openai" in found, sorted(found)


def test_a_demo_seeder_s_snippet_is_not_an_integration(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/Console/Commands/DemoSeederCommand.php": "<?php\nclass DemoSeederCommand\n{\n"
            "    public function handle()\n    {\n        Setting::create(['value' => "
            "'<script src=\"https://cdn.usefathom.com/script.js\" defer></script>']);\n    }\n}\n"
        },
    )
    assert "fathom" not in scan(tmp_path)


@pytest.mark.parametrize(
    "line",
    [
        "  f(a):" + " " * 20_000 + "x",  # a method's return type overlapping its spaces
        "  public " + "A" * 20_000,  # a lazy type scan before a long name
    ],
)
def test_a_long_line_is_read_in_linear_time(line: str) -> None:
    started = time.perf_counter()
    FUNCTION_DEF.match(line)
    assert time.perf_counter() - started < 1.0  # about 6 s when quadratic
