"""Library defaults, more clients: what widely used SDKs and HTTP clients do when the code
sets nothing (Twilio and SendGrid in each language, ...), each through a tiny synthetic app
that calls the client with no timeout or retry of its own. The reason cites the library."""

from __future__ import annotations

import pytest

from tests.conftest import TreeBuilder
from tests.resilience.builders import verdicts_of


def _check(
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
    assert cited in verdicts["timeout"][1] + verdicts["retry"][1], verdicts
    for prop, verdict in zip(("timeout", "retry"), expected, strict=True):
        if verdict == "yes":  # a default, not a setting the app wrote
            assert "library default" in verdicts[prop][1], verdicts[prop]


# --- Twilio and SendGrid ----------------------------------------------------------------------

_TWILIO_NODE = """import twilio from "twilio";

const client = twilio(process.env.SMS_SID, process.env.SMS_TOKEN);

export async function textUser(to: string, body: string) {
  return client.messages.create({ to, from: process.env.SMS_FROM, body });
}
"""

_TWILIO_PY = """from twilio.rest import Client

client = Client()


def text_user(to, body):
    return client.messages.create(to=to, from_="+15550100", body=body)
"""

_TWILIO_RB = """require "twilio-ruby"

class SmsNotifier
  def deliver(to, body)
    client = Twilio::REST::Client.new(ENV["SMS_SID"], ENV["SMS_TOKEN"])
    client.messages.create(from: ENV["SMS_FROM"], to: to, body: body)
  end
end
"""

_TWILIO_PHP = """<?php

namespace App\\Notify;

use Twilio\\Rest\\Client;

class Sms
{
    public function send(string $to, string $body): void
    {
        $client = new Client(getenv('SMS_SID'), getenv('SMS_TOKEN'));
        $client->messages->create($to, ['from' => getenv('SMS_FROM'), 'body' => $body]);
    }
}
"""

_TWILIO_JAVA = """package shop.notify;

import com.twilio.Twilio;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;

public class Sms {
    public String send(String to, String from, String body) {
        Twilio.init(System.getenv("SMS_SID"), System.getenv("SMS_TOKEN"));
        Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body).create();
        return message.getSid();
    }
}
"""

_TWILIO_CS = """using Twilio;
using Twilio.Rest.Api.V2010.Account;

namespace Shop.Notify;

public class Sms
{
    public async Task<string> Send(string to, string from, string body)
    {
        TwilioClient.Init(Environment.GetEnvironmentVariable("SMS_SID"), Environment.GetEnvironmentVariable("SMS_TOKEN"));
        var message = await MessageResource.CreateAsync(to: to, from: from, body: body);
        return message.Sid;
    }
}
"""

_TWILIO_GO = """package notify

import (
\t"github.com/twilio/twilio-go"
\topenapi "github.com/twilio/twilio-go/rest/api/v2010"
)

func Send(to, from, body string) error {
\tclient := twilio.NewRestClient()
\tparams := &openapi.CreateMessageParams{}
\tparams.SetTo(to)
\tparams.SetFrom(from)
\tparams.SetBody(body)
\t_, err := client.Api.CreateMessage(params)
\treturn err
}
"""

_SENDGRID_NODE = """import sgMail from "@sendgrid/mail";

sgMail.setApiKey(process.env.MAIL_KEY as string);

export async function welcome(to: string) {
  await sgMail.send({ to, from: "team@example.org", subject: "Hi", text: "Welcome" });
}
"""

_SENDGRID_PY = """import os

from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import Mail


def welcome(to):
    message = Mail(from_email="team@example.org", to_emails=to, subject="Hi", html_content="Welcome")
    client = SendGridAPIClient(os.environ["MAIL_KEY"])
    return client.send(message)
"""


@pytest.mark.parametrize(
    ("ident", "category", "spot", "text", "expected", "cited"),
    [
        ("twilio", "sms", ("src/sms.ts", 6, "call"), _TWILIO_NODE, ("yes", "no"), "twilio-node"),
        ("twilio", "sms", ("app/sms.py", 7, "call"), _TWILIO_PY, ("no", "no"), "twilio-python"),
        ("twilio", "sms", ("app/sms.rb", 6, "call"), _TWILIO_RB, ("yes", "no"), "twilio-ruby"),
        (
            "twilio",
            "sms",
            ("app/Notify/Sms.php", 12, "call"),
            _TWILIO_PHP,
            ("yes", "no"),
            "twilio-php",
        ),
        (
            "twilio",
            "sms",
            ("src/shop/notify/Sms.java", 10, "call"),
            _TWILIO_JAVA,
            ("yes", "no"),
            "twilio-java",
        ),
        (
            "twilio",
            "sms",
            ("src/Shop/Sms.cs", 11, "call"),
            _TWILIO_CS,
            ("yes", "no"),
            "twilio-csharp",
        ),
        ("twilio", "sms", ("notify/send.go", 14, "call"), _TWILIO_GO, ("yes", "no"), "twilio-go"),
        (
            "sendgrid",
            "email",
            ("src/mail.ts", 6, "call"),
            _SENDGRID_NODE,
            ("no", "no"),
            "@sendgrid",
        ),
        (
            "sendgrid",
            "email",
            ("app/mail.py", 10, "call"),
            _SENDGRID_PY,
            ("no", "no"),
            "sendgrid-python",
        ),
    ],
)
def test_messaging_sdks_keep_their_library_defaults(
    make_tree: TreeBuilder,
    ident: str,
    category: str,
    spot: tuple[str, int, str],
    text: str,
    expected: tuple[str, str],
    cited: str,
) -> None:
    _check(make_tree, ident, category, spot, text, expected, cited)


# --- JVM clients ------------------------------------------------------------------------------

_FEIGN = """package shop.rates;

import feign.Feign;
import feign.RequestLine;
import feign.Param;

public class RatesGateway {
    interface RatesApi {
        @RequestLine("GET /v1/rates/{base}")
        String rates(@Param("base") String base);
    }

    public String latest(String base) {
        RatesApi api = Feign.builder().target(RatesApi.class, "https://rates.example.org");
        return api.rates(base);
    }
}
"""

_SPRING_FEIGN = """package shop.rates;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

@FeignClient(name = "rates", url = "https://rates.example.org")
public interface RatesClient {
    @GetMapping("/v1/rates/{base}")
    String rates(@PathVariable("base") String base);
}
"""

_JAVAMAIL = """package shop.mail;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

public class Notices {
    private final JavaMailSender sender;

    public Notices(JavaMailSender sender) {
        this.sender = sender;
    }

    public void notify(String to, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setTo(to);
        message.setText(text);
        sender.send(message);
    }
}
"""

_RETROFIT = """package shop.geo;

import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.http.GET;
import retrofit2.http.Query;

public class Geocoder {
    interface GeoApi {
        @GET("search")
        Call<String> search(@Query("q") String q);
    }

    public String lookup(String q) throws java.io.IOException {
        Retrofit retrofit = new Retrofit.Builder().baseUrl("https://geo.example.org/").build();
        return retrofit.create(GeoApi.class).search(q).execute().body();
    }
}
"""

_URLCONNECTION = """package shop.feeds;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

public class FeedReader {
    public InputStream open(String feed) throws java.io.IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("https://feeds.example.org/" + feed).openConnection();
        return connection.getInputStream();
    }
}
"""

_JAVA_HTTP = """package shop.feeds;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class FeedFetcher {
    private final HttpClient client = HttpClient.newHttpClient();

    public String fetch(String feed) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://feeds.example.org/" + feed)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
"""

_OPENAI_JAVA = """package shop.ai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

public class Summaries {
    private final OpenAIClient client = OpenAIOkHttpClient.fromEnv();

    public String summarize(String text) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().addUserMessage(text).model("gpt-4o-mini").build();
        return client.chat().completions().create(params).choices().get(0).message().content().orElse("");
    }
}
"""

_J = "src/main/java/shop/App.java"


@pytest.mark.parametrize(
    ("ident", "category", "spot", "text", "expected", "cited"),
    [
        ("ratesapi", "http-api", (_J, 15, "call"), _FEIGN, ("yes", "yes"), "Feign"),
        ("ratesapi", "http-api", (_J, 7, "url"), _SPRING_FEIGN, ("yes", "no"), "OpenFeign"),
        ("smtp", "email", (_J, 17, "call"), _JAVAMAIL, ("no", "no"), "JavaMail"),
        ("geoapi", "http-api", (_J, 16, "call"), _RETROFIT, ("yes", "no"), "Retrofit"),
        ("feedsvc", "http-api", (_J, 9, "call"), _URLCONNECTION, ("no", "no"), "HttpURLConnection"),
        ("feedsvc", "http-api", (_J, 13, "call"), _JAVA_HTTP, ("no", "no"), "java.net.http"),
        ("openai", "ai", (_J, 12, "call"), _OPENAI_JAVA, ("yes", "yes"), "openai-java"),
    ],
)
def test_jvm_clients_keep_their_library_defaults(
    make_tree: TreeBuilder,
    ident: str,
    category: str,
    spot: tuple[str, int, str],
    text: str,
    expected: tuple[str, str],
    cited: str,
) -> None:
    _check(make_tree, ident, category, spot, text, expected, cited)


# --- .NET clients -----------------------------------------------------------------------------

_RESTSHARP = """using RestSharp;

namespace Shop.Geo;

public class Geocoder
{
    private readonly RestClient _client = new RestClient("https://geo.example.org");

    public async Task<string?> Lookup(string q)
    {
        var request = new RestRequest("search").AddQueryParameter("q", q);
        var response = await _client.GetAsync(request);
        return response.Content;
    }
}
"""

_REFIT = """using Refit;

namespace Shop.Geo;

public interface IGeoApi
{
    [Get("/search")]
    Task<string> Search(string q);
}

public class Geocoder
{
    private readonly IGeoApi _api = RestService.For<IGeoApi>("https://geo.example.org");

    public Task<string> Lookup(string q) => _api.Search(q);
}
"""

_OPENAI_CS = """using OpenAI.Chat;

namespace Shop.Ai;

public class Summaries
{
    private readonly ChatClient _chat = new ChatClient("gpt-4o-mini", Environment.GetEnvironmentVariable("AI_KEY"));

    public async Task<string> Summarize(string text)
    {
        ChatCompletion completion = await _chat.CompleteChatAsync(text);
        return completion.Content[0].Text;
    }
}
"""

_CS2 = "src/Shop/Client.cs"


@pytest.mark.parametrize(
    ("ident", "category", "spot", "text", "expected", "cited"),
    [
        ("geoapi", "http-api", (_CS2, 12, "call"), _RESTSHARP, ("yes", "no"), "RestSharp"),
        ("geoapi", "http-api", (_CS2, 13, "call"), _REFIT, ("yes", "no"), "Refit"),
        ("openai", "ai", (_CS2, 11, "call"), _OPENAI_CS, ("yes", "yes"), "OpenAI .NET"),
    ],
)
def test_dotnet_clients_keep_their_library_defaults(
    make_tree: TreeBuilder,
    ident: str,
    category: str,
    spot: tuple[str, int, str],
    text: str,
    expected: tuple[str, str],
    cited: str,
) -> None:
    _check(make_tree, ident, category, spot, text, expected, cited)


# --- Go, PHP, Python and Rust clients ---------------------------------------------------------

_RESTY = """package geo

import (
\t"github.com/go-resty/resty/v2"
)

func Lookup(q string) (string, error) {
\tclient := resty.New()
\tresp, err := client.R().SetQueryParam("q", q).Get("https://geo.example.org/search")
\tif err != nil {
\t\treturn "", err
\t}
\treturn resp.String(), nil
}
"""

_CURL = """<?php

function fetch_rates(string $base): string
{
    $ch = curl_init('https://rates.example.org/v1/' . urlencode($base));
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $body = curl_exec($ch);
    curl_close($ch);
    return (string) $body;
}
"""

_FILE_GET = """<?php

function fetch_rates(string $base): string
{
    return (string) file_get_contents('https://rates.example.org/v1/' . urlencode($base));
}
"""

_PHPMAILER = """<?php

use PHPMailer\\PHPMailer\\PHPMailer;

function send_notice(string $to, string $body): void
{
    $mail = new PHPMailer(true);
    $mail->isSMTP();
    $mail->Host = getenv('MAIL_HOST');
    $mail->addAddress($to);
    $mail->Body = $body;
    $mail->send();
}
"""

_SMTPLIB = """import os
import smtplib
from email.message import EmailMessage


def send_notice(to, body):
    message = EmailMessage()
    message["To"] = to
    message.set_content(body)
    with smtplib.SMTP(os.environ["MAIL_HOST"], 587) as server:
        server.send_message(message)
"""

_URLOPEN = """import json
from urllib.request import urlopen


def latest_rates(base):
    with urlopen(f"https://rates.example.org/v1/{base}") as response:
        return json.load(response)
"""

_FIREBASE = """from firebase_admin import messaging


def push(token, title):
    message = messaging.Message(token=token, notification=messaging.Notification(title=title))
    return messaging.send(message)
"""

_CONFLUENT = """from confluent_kafka import Producer

producer = Producer({"bootstrap.servers": "kafka:9092"})


def publish(topic, value):
    producer.produce(topic, value=value)
    producer.flush()
"""

_AWS_RUST = """use aws_sdk_s3::Client;

pub async fn upload(bucket: &str, key: &str, body: Vec<u8>) -> Result<(), aws_sdk_s3::Error> {
    let config = aws_config::load_from_env().await;
    let client = Client::new(&config);
    client.put_object().bucket(bucket).key(key).body(body.into()).send().await?;
    Ok(())
}
"""


@pytest.mark.parametrize(
    ("ident", "category", "spot", "text", "expected", "cited"),
    [
        ("geoapi", "http-api", ("geo/lookup.go", 9, "call"), _RESTY, ("no", "no"), "resty"),
        ("ratesapi", "http-api", ("lib/rates.php", 5, "call"), _CURL, ("no", "no"), "curl"),
        (
            "ratesapi",
            "http-api",
            ("lib/rates.php", 5, "call"),
            _FILE_GET,
            ("yes", "no"),
            "default_socket_timeout",
        ),
        ("smtp", "email", ("lib/notice.php", 12, "call"), _PHPMAILER, ("yes", "no"), "PHPMailer"),
        ("smtp", "email", ("app/notice.py", 11, "call"), _SMTPLIB, ("no", "no"), "smtplib"),
        ("ratesapi", "http-api", ("app/rates.py", 6, "call"), _URLOPEN, ("no", "no"), "urlopen"),
        ("kafka", "queue", ("app/events.py", 7, "call"), _CONFLUENT, ("yes", "yes"), "librdkafka"),
        (
            "s3",
            "storage",
            ("src/upload.rs", 6, "call"),
            _AWS_RUST,
            ("no", "yes"),
            "AWS SDK for Rust",
        ),
    ],
)
def test_go_php_python_and_rust_clients_keep_their_library_defaults(
    make_tree: TreeBuilder,
    ident: str,
    category: str,
    spot: tuple[str, int, str],
    text: str,
    expected: tuple[str, str],
    cited: str,
) -> None:
    _check(make_tree, ident, category, spot, text, expected, cited)


_MIXED_PHP = """<?php

use GuzzleHttp\\Client;

class Media
{
    public static function head(string $url)
    {
        $c = new Client();
        $r = $c->request('HEAD', $url);
        return $r->getHeaders();
    }

    public function fetch(string $url): string
    {
        $this->head($url);
        return (string) file_get_contents($url);
    }
}
"""


def test_a_stream_default_holds_for_its_own_call_not_a_guzzle_call_beside_it(
    make_tree: TreeBuilder,
) -> None:
    # head() takes its URL from fetch(), which also calls file_get_contents: the Guzzle call
    # keeps Guzzle's missing timeout, the stream call its 60 s
    root = make_tree({"lib/Media.php": _MIXED_PHP})
    spots = [("lib/Media.php", 10), ("lib/Media.php", 17)]
    reason = verdicts_of(root, "media", spots, "call", "http-api")["timeout"][1]
    assert "default_socket_timeout 60 s (lib/Media.php:17)" in reason, reason
    assert "default_socket_timeout 60 s (lib/Media.php:10)" not in reason, reason
    assert reason.startswith("1 of 2 sites"), reason


# --- Mail APIs, database pools and gRPC ---------------------------------------------------------

_POSTMARK = """import { ServerClient } from "postmark";

const client = new ServerClient(process.env.MAIL_TOKEN as string);

export async function receipt(to: string, body: string) {
  await client.sendEmail({ From: "shop@example.org", To: to, Subject: "Receipt", TextBody: body });
}
"""

_RESEND = """import { Resend } from "resend";

const resend = new Resend(process.env.MAIL_KEY);

export async function receipt(to: string, body: string) {
  await resend.emails.send({ from: "shop@example.org", to, subject: "Receipt", text: body });
}
"""

_PRISMA = """import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

export async function order(id: string) {
  return prisma.order.findUnique({ where: { id } });
}
"""

_HIKARI = """package shop.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;

public class Orders {
    private final HikariDataSource pool;

    public Orders(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        pool = new HikariDataSource(config);
    }

    public int count() throws Exception {
        try (Connection c = pool.getConnection()) {
            return c.createStatement().executeQuery("select count(*) from orders").getInt(1);
        }
    }
}
"""

_PSYCOPG = """import os

import psycopg2


def order_count():
    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn:
        with conn.cursor() as cur:
            cur.execute("select count(*) from orders")
            return cur.fetchone()[0]
"""

_GRPC_GO = """package inventory

import (
\t"context"

\t"google.golang.org/grpc"
\t"google.golang.org/grpc/credentials/insecure"

\tpb "example.org/shop/gen/inventory"
)

func Reserve(ctx context.Context, addr, sku string) error {
\tconn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
\tif err != nil {
\t\treturn err
\t}
\tdefer conn.Close()
\t_, err = pb.NewInventoryClient(conn).Reserve(ctx, &pb.ReserveRequest{Sku: sku})
\treturn err
}
"""


@pytest.mark.parametrize(
    ("ident", "category", "spot", "text", "expected", "cited"),
    [
        ("postmark", "email", ("src/mail.ts", 6, "call"), _POSTMARK, ("yes", "no"), "postmark.js"),
        ("resend", "email", ("src/mail.ts", 6, "call"), _RESEND, ("no", "no"), "resend-node"),
        ("postgresql", "database", ("src/orders.ts", 6, "call"), _PRISMA, ("yes", "no"), "Prisma"),
        (
            "postgresql",
            "database",
            ("src/main/java/shop/db/Orders.java", 18, "call"),
            _HIKARI,
            ("yes", "no"),
            "HikariCP",
        ),
        ("postgresql", "database", ("app/orders.py", 9, "call"), _PSYCOPG, ("no", "no"), "libpq"),
        ("grpc", "rpc", ("inventory/reserve.go", 19, "call"), _GRPC_GO, ("no", "no"), "grpc-go"),
    ],
)
def test_mail_apis_pools_and_grpc_keep_their_library_defaults(
    make_tree: TreeBuilder,
    ident: str,
    category: str,
    spot: tuple[str, int, str],
    text: str,
    expected: tuple[str, str],
    cited: str,
) -> None:
    _check(make_tree, ident, category, spot, text, expected, cited)


_EXPOSED_HIKARI = """package shop.db

import com.zaxxer.hikari.HikariConfig
import com.zaxxer.hikari.HikariDataSource
import org.jetbrains.exposed.sql.Database

object Db {
    fun connect(url: String): Database {
        val config = HikariConfig()
        config.jdbcUrl = url
        val pool = HikariDataSource(config)
        return Database.connect(pool)
    }
}
"""


def test_a_pool_built_beside_exposed_keeps_both_defaults(make_tree: TreeBuilder) -> None:
    # the pool's own row (HikariCP's 30 s) does not hide the file's library made for the
    # system (Exposed's transaction retries)
    root = make_tree({"src/main/kotlin/shop/db/Db.kt": _EXPOSED_HIKARI})
    spots = [("src/main/kotlin/shop/db/Db.kt", 11)]
    verdicts = verdicts_of(root, "postgresql", spots, "construction", "database")
    assert verdicts["timeout"][0] == "yes" and "HikariCP" in verdicts["timeout"][1], verdicts
    assert verdicts["retry"][0] == "yes" and "Exposed" in verdicts["retry"][1], verdicts


# --- More HTTP clients and drivers --------------------------------------------------------------

_JSOUP = """package shop.feeds;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

public class PageTitles {
    public String title(String page) throws java.io.IOException {
        Document doc = Jsoup.connect("https://news.example.org/" + page).get();
        return doc.title();
    }
}
"""

_EXCON = """require "excon"

class RatesClient
  def latest(base)
    Excon.get("https://rates.example.org/v1/#{base}").body
  end
end
"""

_REST_CLIENT = """require "rest-client"

class RatesClient
  def latest(base)
    RestClient.get("https://rates.example.org/v1/#{base}").body
  end
end
"""

_WEBCLIENT_CS = """using System.Net;

namespace Shop.Feeds;

public class FeedReader
{
    public string Read(string feed)
    {
        using var client = new WebClient();
        return client.DownloadString("https://feeds.example.org/" + feed);
    }
}
"""

_PIKA = """import pika


def publish(body):
    connection = pika.BlockingConnection(pika.ConnectionParameters("rabbit"))
    channel = connection.channel()
    channel.basic_publish(exchange="", routing_key="orders", body=body)
    connection.close()
"""

_MYSQL_NODE = """import mysql from "mysql2/promise";

const pool = mysql.createPool({ host: "db", user: "shop", database: "shop" });

export async function order(id: number) {
  const [rows] = await pool.query("select * from orders where id = ?", [id]);
  return rows;
}
"""


@pytest.mark.parametrize(
    ("ident", "category", "spot", "text", "expected", "cited"),
    [
        ("newsapi", "http-api", (_J, 8, "call"), _JSOUP, ("yes", "no"), "jsoup"),
        ("ratesapi", "http-api", ("app/rates.rb", 5, "call"), _EXCON, ("yes", "no"), "Excon"),
        (
            "ratesapi",
            "http-api",
            ("app/rates.rb", 5, "call"),
            _REST_CLIENT,
            ("yes", "no"),
            "rest-client",
        ),
        ("feedsvc", "http-api", (_CS2, 10, "call"), _WEBCLIENT_CS, ("yes", "no"), "WebClient"),
        ("rabbitmq", "queue", ("app/events.py", 7, "call"), _PIKA, ("yes", "no"), "pika"),
        ("mysql", "database", ("src/orders.ts", 6, "call"), _MYSQL_NODE, ("yes", "no"), "mysql2"),
    ],
)
def test_more_clients_keep_their_library_defaults(
    make_tree: TreeBuilder,
    ident: str,
    category: str,
    spot: tuple[str, int, str],
    text: str,
    expected: tuple[str, str],
    cited: str,
) -> None:
    _check(make_tree, ident, category, spot, text, expected, cited)


_MINIO_GO = """package media

import (
\t"context"
\t"io"

\t"github.com/minio/minio-go/v7"
)

func Upload(ctx context.Context, client *minio.Client, bucket, key string, body io.Reader, size int64) error {
\t_, err := client.PutObject(ctx, bucket, key, body, size, minio.PutObjectOptions{})
\treturn err
}
"""

_ASYNCPG = """import os

import asyncpg


async def order_count():
    conn = await asyncpg.connect(os.environ["DATABASE_URL"])
    try:
        return await conn.fetchval("select count(*) from orders")
    finally:
        await conn.close()
"""


@pytest.mark.parametrize(
    ("ident", "category", "spot", "text", "expected", "cited"),
    [
        (
            "postgresql",
            "database",
            ("app/orders.py", 7, "call"),
            _ASYNCPG,
            ("yes", "no"),
            "asyncpg",
        ),
    ],
)
def test_driver_clients_keep_their_library_defaults(
    make_tree: TreeBuilder,
    ident: str,
    category: str,
    spot: tuple[str, int, str],
    text: str,
    expected: tuple[str, str],
    cited: str,
) -> None:
    _check(make_tree, ident, category, spot, text, expected, cited)


def test_minio_go_retries_by_default(make_tree: TreeBuilder) -> None:
    root = make_tree({"media/upload.go": _MINIO_GO})
    verdicts = verdicts_of(root, "minio", [("media/upload.go", 11)], "call", "storage")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "library default: minio-go" in verdicts["retry"][1], verdicts["retry"]


def test_firebase_admin_python_retries_by_default(make_tree: TreeBuilder) -> None:
    # its timeout default changed between releases: only the retry default is asserted
    root = make_tree({"app/push.py": _FIREBASE})
    verdicts = verdicts_of(root, "fcm", [("app/push.py", 6)], "call", "notifications")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "library default: firebase-admin" in verdicts["retry"][1], verdicts["retry"]
