"""Reachability per language: Go, Java/Kotlin, C#, Ruby (Rails naming) and PHP (PSR-4)."""

from __future__ import annotations

from integration_risk import api
from integration_risk.graph.entrypoints import find_entries
from integration_risk.lines import LineIndex
from integration_risk.models.graph import IntegrationGraph, IntegrationReach
from tests.conftest import TreeBuilder


def by_id(graph: IntegrationGraph) -> dict[str, IntegrationReach]:
    return {row.id: row for row in graph.integrations}


GO_APP = {
    "go.mod": "module example.com/shop\n\ngo 1.22\n\nrequire github.com/redis/go-redis/v9 v9.5.0\n",
    "cmd/server/main.go": (
        'package main\n\nimport (\n\t"net/http"\n\n\t"example.com/shop/internal/api"\n)\n\n'
        'func main() {\n\thttp.HandleFunc("/orders", api.Orders)\n\thttp.ListenAndServe(":8080", nil)\n}\n'
    ),
    "internal/api/orders.go": (
        'package api\n\nimport "net/http"\n\nfunc Orders(w http.ResponseWriter, r *http.Request) { load() }\n'
    ),
    # same package, no import: Go packages are one unit
    "internal/api/store.go": (
        'package api\n\nimport store "example.com/shop/internal/store"\n\nfunc load() { store.Get() }\n'
    ),
    "internal/store/redis.go": (
        'package store\n\nimport "github.com/redis/go-redis/v9"\n\n'
        "var client = redis.NewClient(&redis.Options{})\n\nfunc Get() {}\n"
    ),
    "cmd/sweeper/main.go": (
        'package main\n\nimport "github.com/robfig/cron/v3"\n\n'
        'func main() {\n\tc := cron.New()\n\tc.AddFunc("@hourly", func() {})\n}\n'
    ),
}


def test_go_packages_and_module_paths(make_tree: TreeBuilder) -> None:
    graph = api.integration_graph(make_tree(GO_APP))
    redis = by_id(graph)["redis"]
    assert redis.example_path == [
        "cmd/server/main.go",
        "internal/api/",
        "internal/api/store.go",
        "internal/store/",
        "internal/store/redis.go",
    ]
    assert redis.entry_points == 1
    assert graph.summary.entry_files == 2  # the server and the cron sweeper
    assert redis.entry_share == 0.5
    assert graph.summary.modules == 5  # package nodes are not counted as modules


def test_go_main_is_an_entry_only_in_package_main() -> None:
    text = "package {}\n\nfunc main() {{\n\tc := cron.New()\n}}\n"
    program = text.format("main")
    entries = find_entries("cmd/x/main.go", program, "go", LineIndex(program), "main")
    assert [(e.line, e.kind, e.framework) for e in entries] == [
        (3, "cli", "go"),
        (4, "scheduled", "cron"),
    ]
    library = text.format("tools")
    assert [e.kind for e in find_entries("x.go", library, "go", LineIndex(library), "tools")] == [
        "scheduled"
    ]


JAVA_APP = {
    "src/main/java/com/shop/web/OrderController.java": (
        "package com.shop.web;\n\nimport com.shop.service.*;\n\n@RestController\n"
        "public class OrderController {\n  private final OrderService service;\n}\n"
    ),
    "src/main/java/com/shop/service/OrderService.java": (
        "package com.shop.service;\n\nimport com.shop.repo.OrderRepository;\n\n"
        "public class OrderService {\n  OrderRepository repo;\n  PaymentGateway gateway;\n}\n"
    ),
    # same package, used without an import
    "src/main/java/com/shop/service/PaymentGateway.java": (
        "package com.shop.service;\n\nimport com.stripe.Stripe;\nimport com.stripe.model.Charge;\n\n"
        "public class PaymentGateway {\n  Charge charge() { return Charge.create(null); }\n}\n"
    ),
    "src/main/java/com/shop/repo/OrderRepository.java": (
        "package com.shop.repo;\n\nimport redis.clients.jedis.Jedis;\n\n"
        "public class OrderRepository {\n  Jedis jedis = new Jedis();\n}\n"
    ),
    "src/main/kotlin/com/shop/jobs/Nightly.kt": (
        "package com.shop.jobs\n\nimport com.shop.repo.OrderRepository\n\n"
        'class Nightly(val repo: OrderRepository) {\n  @Scheduled(cron = "0 0 * * *")\n  fun run() {}\n}\n'
    ),
    "src/main/java/com/shop/Loader.java": (
        "package com.shop;\n\npublic class Loader {\n  Object load(String n) throws Exception "
        "{ return Class.forName(n).newInstance(); }\n}\n"
    ),
}


def test_java_and_kotlin_types_imports_and_same_package(make_tree: TreeBuilder) -> None:
    graph = api.integration_graph(make_tree(JAVA_APP))
    rows = by_id(graph)
    assert rows["stripe"].example_path == [
        "src/main/java/com/shop/web/OrderController.java",
        "src/main/java/com/shop/service/OrderService.java",
        "src/main/java/com/shop/service/PaymentGateway.java",
    ]
    assert rows["redis"].entry_kinds == {"http": 1, "scheduled": 1}
    assert rows["stripe"].entry_kinds == {"http": 1}
    assert [u.reason for u in graph.unknown_edges] == ["dynamic"]


CSHARP_APP = {
    "Shop.Api/Controllers/OrdersController.cs": (
        "using Microsoft.AspNetCore.Mvc;\nusing Shop.Core.Services;\n\nnamespace Shop.Api.Controllers;\n\n"
        "[ApiController]\npublic class OrdersController : ControllerBase\n{\n"
        "    private readonly OrderService _orders;\n}\n"
    ),
    "Shop.Core/Services/OrderService.cs": (
        "using Shop.Core.Data;\n\nnamespace Shop.Core.Services\n{\n"
        "    public class OrderService { private readonly OrderStore _store; }\n}\n"
    ),
    "Shop.Core/Data/OrderStore.cs": (
        "using StackExchange.Redis;\n\nnamespace Shop.Core.Data;\n\n"
        'public class OrderStore { ConnectionMultiplexer redis = ConnectionMultiplexer.Connect("x"); }\n'
    ),
    "Shop.Worker/Mailer.cs": (
        "using SendGrid;\n\nnamespace Shop.Worker;\n\n"
        'public class Mailer : BackgroundService { SendGridClient client = new SendGridClient("k"); }\n'
    ),
}


def test_csharp_namespaces(make_tree: TreeBuilder) -> None:
    graph = api.integration_graph(make_tree(CSHARP_APP))
    rows = by_id(graph)
    assert rows["redis"].example_path == [
        "Shop.Api/Controllers/OrdersController.cs",
        "Shop.Core/Services/OrderService.cs",
        "Shop.Core/Data/OrderStore.cs",
    ]
    assert rows["sendgrid"].entry_kinds == {"worker": 1}
    assert rows["redis"].cascade == [] and rows["sendgrid"].entry_share == 0.5


RUBY_APP = {
    "app/controllers/orders_controller.rb": (
        "class OrdersController < ApplicationController\n  def create\n"
        "    PaymentService.new.charge\n  end\nend\n"
    ),
    "app/controllers/application_controller.rb": "class ApplicationController < ActionController::Base\nend\n",
    "app/services/payment_service.rb": (
        "require 'stripe'\n\nclass PaymentService\n  def charge\n    Stripe::Charge.create(amount: 1)\n"
        "    Api::AuditLog.record\n  end\nend\n"
    ),
    "app/models/api/audit_log.rb": "module Api\n  class AuditLog\n    def self.record; end\n  end\nend\n",
    "app/jobs/receipt_job.rb": (
        "class ReceiptJob < ApplicationJob\n  def perform\n    Mailer.deliver\n  end\nend\n"
    ),
    "lib/mailer.rb": "require_relative 'mailer/transport'\n\nclass Mailer\nend\n",
    "lib/mailer/transport.rb": "require 'sendgrid-ruby'\nCLIENT = SendGrid::API.new(api_key: 'k')\n",
    "lib/plugin_loader.rb": "def load_plugin(name)\n  require name\nend\n",
}


def test_ruby_rails_constants_and_requires(make_tree: TreeBuilder) -> None:
    graph = api.integration_graph(make_tree(RUBY_APP))
    rows = by_id(graph)
    assert rows["stripe"].example_path == [
        "app/controllers/orders_controller.rb",
        "app/services/payment_service.rb",
    ]
    assert rows["sendgrid"].example_path == [
        "app/jobs/receipt_job.rb",
        "lib/mailer.rb",
        "lib/mailer/transport.rb",
    ]
    assert rows["sendgrid"].entry_kinds == {"worker": 1}
    assert {(u.path, u.reason) for u in graph.unknown_edges} == {
        ("lib/plugin_loader.rb", "dynamic")
    }


PHP_APP = {
    "composer.json": '{"autoload": {"psr-4": {"App\\\\": "app/"}}, "require": {"stripe/stripe-php": "^13.0"}}',
    "routes/web.php": (
        "<?php\nuse App\\Http\\Controllers\\CheckoutController;\n\n"
        "Route::post('/checkout', [CheckoutController::class, 'store']);\n"
    ),
    "app/Http/Controllers/CheckoutController.php": (
        "<?php\nnamespace App\\Http\\Controllers;\n\nuse App\\Services\\Billing;\n\n"
        "class CheckoutController extends Controller\n{\n    public function store(Billing $billing) {}\n}\n"
    ),
    "app/Http/Controllers/Controller.php": "<?php\nnamespace App\\Http\\Controllers;\n\nabstract class Controller {}\n",
    "app/Services/Billing.php": (
        "<?php\nnamespace App\\Services;\n\nuse Stripe\\StripeClient;\n\nclass Billing\n{\n"
        "    public function charge() { return (new StripeClient('k'))->charges->create([]); }\n}\n"
    ),
    "app/Jobs/SendReceipt.php": (
        "<?php\nnamespace App\\Jobs;\n\nuse Illuminate\\Contracts\\Queue\\ShouldQueue;\n\n"
        "class SendReceipt implements ShouldQueue\n{\n    public function handle() { require_once __DIR__ . '/../legacy.php'; }\n}\n"
    ),
    "app/legacy.php": "<?php\n$redis = new Redis();\n$redis->connect('127.0.0.1');\n",
}


def test_php_psr4_and_includes(make_tree: TreeBuilder) -> None:
    graph = api.integration_graph(make_tree(PHP_APP))
    rows = by_id(graph)
    assert rows["stripe"].example_path == [
        "app/Http/Controllers/CheckoutController.php",
        "app/Services/Billing.php",
    ]
    assert rows["stripe"].entry_kinds == {"http": 2}  # routes/web.php and the controller
    assert rows["redis"].example_path == ["app/Jobs/SendReceipt.php", "app/legacy.php"]
    assert rows["redis"].entry_kinds == {"worker": 1}
