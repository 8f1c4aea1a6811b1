"""Held-out round 8 (resil-k): client-library defaults of Go broker and telemetry clients
(sarama, nats.go, amqp, Pub/Sub, the OTLP exporter, fluent-logger-golang) and of .NET SDKs
(Stripe.net's network retries, SendGrid's and Serilog's Datadog sink's HttpClients, the AWS
SDK for .NET), a .NET client registered with `AddHttpClient`, a C# SDK client named after
the vendor of an imported namespace (`using Vendor.Product;` then `new VendorProductClient`),
a Java client handed out by an object pool whose factory sets its timeout, and Apache
HttpClient 5's default retry (429/503 of any method, I/O errors of idempotent ones). Through
tiny synthetic apps."""

from __future__ import annotations

import pytest

from integration_risk.resilience import analyze
from integration_risk.scan.calls import http_calls
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned, verdicts_of

# --- Go clients -----------------------------------------------------------------------------

_SARAMA = """package relay

import (
\t"strings"

\t"github.com/IBM/sarama"
)

func Produce(brokers, topic, body string) error {
\tconfig := sarama.NewConfig()
\tconfig.Producer.Return.Successes = true
\tproducer, err := sarama.NewSyncProducer(strings.Split(brokers, ","), config)
\tif err != nil {
\t\treturn err
\t}
\tdefer producer.Close()
\t_, _, err = producer.SendMessage(&sarama.ProducerMessage{Topic: topic, Value: sarama.StringEncoder(body)})
\treturn err
}
"""

_NATS = """package relay

import (
\t"github.com/nats-io/nats.go"
)

func Publish(url, subject, body string) error {
\tconn, err := nats.Connect(url)
\tif err == nil {
\t\tdefer conn.Close()
\t\terr = conn.Publish(subject, []byte(body))
\t}
\treturn err
}
"""

_AMQP = """package relay

import (
\tamqp "github.com/rabbitmq/amqp091-go"
)

func Send(url, queue, body string) error {
\tconn, err := amqp.Dial(url)
\tif err != nil {
\t\treturn err
\t}
\tdefer conn.Close()
\tch, err := conn.Channel()
\tif err != nil {
\t\treturn err
\t}
\treturn ch.Publish("", queue, false, false, amqp.Publishing{Body: []byte(body)})
}
"""

_PUBSUB = """package relay

import (
\t"context"

\t"cloud.google.com/go/pubsub"
)

func Announce(ctx context.Context, project, topic string, data []byte) error {
\tclient, err := pubsub.NewClient(ctx, project)
\tif err != nil {
\t\treturn err
\t}
\tdefer client.Close()
\t_, err = client.Topic(topic).Publish(ctx, &pubsub.Message{Data: data}).Get(ctx)
\treturn err
}
"""

_OTLP = """package relay

import (
\t"context"

\t"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
\tsdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func Tracing(ctx context.Context, endpoint string) (*sdktrace.TracerProvider, error) {
\texporter, err := otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(endpoint))
\tif err != nil {
\t\treturn nil, err
\t}
\treturn sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter)), nil
}
"""

_FLUENT = """package relay

import (
\t"github.com/fluent/fluent-logger-golang/fluent"
)

func Ship(host string, port int, tag string, record map[string]string) error {
\tlogger, err := fluent.New(fluent.Config{FluentHost: host, FluentPort: port})
\tif err != nil {
\t\treturn err
\t}
\tdefer logger.Close()
\treturn logger.Post(tag, record)
}
"""


# --- .NET SDKs ------------------------------------------------------------------------------

_REGISTERED = """using Microsoft.Extensions.DependencyInjection;

namespace Shop.Catalog;

public static class CatalogSetup
{
    public static void AddCatalog(this IServiceCollection services, string apiUrl)
    {
        services.AddHttpClient<ICatalogApi, CatalogApi>(client =>
        {
            client.BaseAddress = new Uri(apiUrl);
        });
    }
}
"""

_SENDGRID = """using SendGrid;
using SendGrid.Helpers.Mail;

namespace Shop.Mail;

public class GridMailer
{
    private readonly ISendGridClient _grid;

    public GridMailer(string key)
    {
        _grid = new SendGridClient(key);
    }

    public async Task Send(SendGridMessage message)
    {
        var response = await _grid.SendEmailAsync(message);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("mail not accepted");
        }
    }
}
"""

_STRIPE = """using Stripe;

namespace Shop.Billing;

public class Refunds
{
    public async Task Refund(string charge)
    {
        var service = new RefundService();
        await service.CreateAsync(new RefundCreateOptions { Charge = charge });
    }
}
"""

_DATADOG_SINK = """using Serilog;
using Serilog.Sinks.Datadog.Logs;

namespace Shop.Logging;

public static class Logs
{
    public static void Configure(LoggerConfiguration config, string key)
    {
        var site = Environment.GetEnvironmentVariable("LOG_SITE") ?? "example.org";
        var intake = new DatadogConfiguration($"https://intake.{site}");
        config.WriteTo.DatadogLogs(key, configuration: intake);
    }
}
"""


_GO, _CS = "relay/send.go", "src/Shop/Code.cs"


@pytest.mark.parametrize(
    ("ident", "category", "spot", "text", "expected", "cited"),
    [
        ("kafka", "queue", (_GO, 6, "import"), _SARAMA, ("yes", "yes"), "sarama"),
        ("nats", "queue", (_GO, 4, "import"), _NATS, ("yes", "no"), "nats.go"),
        ("rabbitmq", "queue", (_GO, 4, "import"), _AMQP, ("yes", "no"), "amqp (Go)"),
        ("google-pubsub", "queue", (_GO, 6, "import"), _PUBSUB, ("yes", "yes"), "Pub/Sub"),
        ("opentelemetry", "observability", (_GO, 6, "import"), _OTLP, ("yes", "yes"), "OTLP"),
        ("fluentd", "observability", (_GO, 4, "import"), _FLUENT, ("yes", "yes"), "fluent-logger"),
        ("catalog-api", "http-api", (_CS, 11, "call"), _REGISTERED, ("yes", "no"), "HttpClient"),
        ("sendgrid", "email", (_CS, 17, "call"), _SENDGRID, ("yes", "no"), "SendGrid C#"),
        ("stripe", "payment", (_CS, 10, "call"), _STRIPE, ("yes", "yes"), "Stripe.net"),
        ("datadog", "observability", (_CS, 10, "call"), _DATADOG_SINK, ("yes", "yes"), "Datadog"),
    ],
)
def test_broker_telemetry_and_sdk_clients_keep_their_library_defaults(
    make_tree: TreeBuilder,
    ident: str,
    category: str,
    spot: tuple[str, int, str],
    text: str,
    expected: tuple[str, str],
    cited: str,
) -> None:
    path, line, kind = spot
    root = make_tree({path: text})
    verdicts = verdicts_of(root, ident, [(path, line)], kind, category)
    assert (verdicts["timeout"][0], verdicts["retry"][0]) == expected, verdicts
    assert cited in verdicts["timeout"][1] + verdicts["retry"][1]


_SES = """using Amazon;
using Amazon.SimpleEmailV2;
using Amazon.SimpleEmailV2.Model;

namespace Shop.Mail;

public class NoticeSender
{
    private readonly IAmazonSimpleEmailServiceV2 _mail;

    public NoticeSender(string region)
    {
        _mail = new AmazonSimpleEmailServiceV2Client(RegionEndpoint.GetBySystemName(region));
    }

    public async Task Notify(SendEmailRequest request)
    {
        await _mail.SendEmailAsync(request);
    }
}
"""


def test_a_csharp_sdk_client_named_after_the_imported_vendor_is_a_call_site(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"src/Mail/NoticeSender.cs": _SES})
    item = scanned("ses", [("src/Mail/NoticeSender.cs", 2)], "import", category="email")
    analysis = analyze(root, [item], use_cache=False)["ses"]  # type: ignore[arg-type]
    verdicts = {p: v.verdict for p, v in analysis.verdicts.items()}
    assert verdicts["circuit_breaker"] == "no", analysis.verdicts["circuit_breaker"].reasons
    assert verdicts["timeout"] == "yes" and verdicts["retry"] == "yes", verdicts
    assert "AWS SDK for .NET" in " ".join(analysis.verdicts["retry"].reasons)


# --- Java -----------------------------------------------------------------------------------

_FACTORY = """package shop.files;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;

public class DropClientFactory extends BasePooledObjectFactory<DropClient> {

    private final String host;

    public DropClientFactory(String host) {
        this.host = host;
    }

    @Override
    public DropClient create() throws Exception {
        DropClient client = new DropClient(host);
        client.setConnectTimeout(5000);
        return client;
    }

    @Override
    public PooledObject<DropClient> wrap(DropClient client) {
        return new DefaultPooledObject<>(client);
    }
}
"""

_STORE = """package shop.files;

import org.apache.commons.pool2.impl.GenericObjectPool;

public class DropStore {

    private GenericObjectPool<DropClient> pool;

    public void init(String host) {
        pool = new GenericObjectPool<>(new DropClientFactory(host));
    }

    public byte[] fetch(String path) throws Exception {
        DropClient client = null;
        try {
            client = pool.borrowObject();
            return client.download(path);
        } finally {
            if (client != null) {
                pool.returnObject(client);
            }
        }
    }
}
"""


_GRAPH = """package shop.drive;

import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

public class DriveClient {

    private RestTemplate restTemplate;

    private RestTemplate rest() {
        if (restTemplate == null) {
            HttpClient httpClient = HttpClientBuilder.create().build();
            restTemplate = new RestTemplate(new HttpComponentsClientHttpRequestFactory(httpClient));
        }
        return restTemplate;
    }

    public String list(String url) {
        return rest().getForObject(url, String.class);
    }

    public String upload(String url, byte[] body) {
        return rest().postForObject(url, body, String.class);
    }
}
"""


_HOOK = """package shop.hooks;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.StringEntity;

public class Hook {
    public void send(String url, String body) throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            HttpPost post = new HttpPost(url);
            post.setEntity(new StringEntity(body));
            client.execute(post, response -> null);
        }
    }
}
"""


# DefaultHttpRequestRetryStrategy retries a 429/503 response whatever the method (review 24
# F15): a POST has the retry in every call style, RestTemplate's verb or `execute(HttpPost)`.
@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        ("src/shop/drive/DriveClient.java", _GRAPH, 21),
        ("src/shop/drive/DriveClient.java", _GRAPH, 25),
        ("src/shop/hooks/Hook.java", _HOOK, 13),
    ],
)
def test_httpclient5_retries_429_and_503_of_every_method_by_default(
    make_tree: TreeBuilder, path: str, text: str, line: int
) -> None:
    verdicts = verdicts_of(make_tree({path: text}), "drive", [(path, line)], "call", "storage")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "Apache HttpClient 5" in verdicts["retry"][1]
    assert "429/503 (any method)" in verdicts["retry"][1]


# --- Hutool (Java) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "HttpResponse res = HttpUtil.createPost(tokenUrl).body(form).execute();",
        "HttpResponse res = HttpUtil.createGet(config.getUserInfoUrl()).bearerAuth(t).execute();",
    ],
)
def test_hutool_request_builders_are_calls(line: str) -> None:
    assert [c.target for c in http_calls(line + "\n", "java")] == ["data"]
    # an API client's own `createPost` (a forum post) is no request builder
    assert list(http_calls(line.replace("HttpUtil", "api") + "\n", "typescript")) == []


_TOKENS = """package shop.cloud;

import cn.hutool.http.HttpResponse;
import cn.hutool.http.HttpUtil;
import software.amazon.awssdk.services.s3.S3Client;

public class CloudStore {

    private S3Client s3;

    public void refresh(String key) {
        String apiDomain = "https://api.cloud.example.net";
        HttpResponse httpResponse = HttpUtil.createPost(apiDomain + "/auth/token")
                .header("Authorization", key)
                .execute();
        int status = httpResponse.getStatus();
        s3 = S3Client.builder().build();
    }
}
"""

_GLOBAL = """package shop.cloud;

import cn.hutool.http.HttpGlobalConfig;

public class HttpSetup {
    public static void init() {
        HttpGlobalConfig.setTimeout(8000);
    }
}
"""


def test_a_hutool_request_has_no_timeout_whatever_sdk_the_file_also_imports(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"src/shop/cloud/CloudStore.java": _TOKENS})
    spots = [("src/shop/cloud/CloudStore.java", 12), ("src/shop/cloud/CloudStore.java", 13)]
    item = scanned("cloud", spots, "call", category="storage")
    result = analyze(root, [item], use_cache=False)["cloud"]  # type: ignore[arg-type]
    timeout = result.verdicts["timeout"]
    assert timeout.verdict == "no", timeout.reasons
    assert "Hutool" in " ".join(timeout.reasons)


# A timeout set where the client is made, away from the call: by the factory of the pool the
# client is borrowed from, or project-wide for every Hutool request.
@pytest.mark.parametrize(
    ("files", "spot", "cited"),
    [
        (
            {
                "src/shop/files/DropClientFactory.java": _FACTORY,
                "src/shop/files/DropStore.java": _STORE,
            },
            ("src/shop/files/DropStore.java", 17),
            "pooled DropClient made by DropClientFactory",
        ),
        (
            {"src/shop/cloud/CloudStore.java": _TOKENS, "src/shop/cloud/HttpSetup.java": _GLOBAL},
            ("src/shop/cloud/CloudStore.java", 13),
            "HttpGlobalConfig.setTimeout",
        ),
    ],
)
def test_a_timeout_set_where_the_client_is_made_bounds_its_calls(
    make_tree: TreeBuilder, files: dict[str, str], spot: tuple[str, int], cited: str
) -> None:
    root = make_tree(files)
    verdicts = verdicts_of(root, "files", [spot], "call", "storage")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert cited in verdicts["timeout"][1]
