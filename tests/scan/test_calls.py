"""HTTP call sites in each language's idioms, and what their URL argument is."""

from __future__ import annotations

import pytest

from integration_risk.scan.calls import classify, http_calls
from integration_risk.scan.clients import client_constructions

# httpx streams a response: the method comes first, the URL second
STREAM_CALLS = [
    'async with client.stream("GET", page_url, timeout=15) as resp:',
    "with httpx.stream('POST', hook_url, json=body) as r:",
]


@pytest.mark.parametrize("line", STREAM_CALLS)
def test_httpx_streams_are_calls(line: str) -> None:
    assert [c.target for c in http_calls(line + "\n", "python")] == ["data"]


DATA_CALLS = {
    "csharp": [
        "var r = await _httpClientFactory.CreateClient(NamedClient.Default).GetAsync(url, ct);",
        "using var response = await httpClient.SendAsync(requestMessage, ct);",
        "var items = await client.GetFromJsonAsync<List<Item>>(feedUrl, ct);",
        "using var m = new HttpRequestMessage(HttpMethod.Get, info.Url);",
        # a request object built here and sent by a wrapper elsewhere
        'var request = new Request($"{ApiBase}status", baseUrl, HttpMethod.Get);',
        # a request builder given the parts of a configured address; JSON-RPC over HTTP
        "var rb = new HttpRequestBuilder(settings.UseSsl, settings.Host, settings.Port, s.UrlBase);",
        "var rb = new JsonRpcRequestBuilder(baseUrl, method, parameters);",
        # a request object given its URL and the response type it accepts
        'var request = new ListRequest($"{Settings.Link.Trim()}", HttpAccept.Json);',
    ],
    "java": [
        "String body = restTemplate.getForObject(callbackUrl, String.class);",
        "Request request = new Request.Builder().url(targetUrl).build();",
        "HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint)).build();",
        "webClient.get().uri(hookUrl).retrieve();",
        "Document doc = Jsoup.connect(pageUrl).get();",
        "String body = HttpUtil.get(target);",
        "String result = HttpUtil.sendPost(reqUrl, params);",
        "InputStream in = new URL(imageUrl).openStream();",
    ],
    "ruby": [
        "response = faraday.get(uri)",
        "response = HTTParty.get(event_url, options)",
        "Net::HTTP.get(URI(feed_url))",
        "RestClient.post(webhook_url, payload)",
        "result = faraday.get url",
        "response = HTTParty.post hook_url, body: payload.to_json",
    ],
    "php": [
        "$response = $this->http->get($podcast->url);",
        "return Http::withUserAgent($agent)->get($url);",
        "$ch = curl_init($url);",
        "$body = file_get_contents($imageUrl);",
        "$stream = fopen($streamUrl, 'r', false, $context);",
        "$response = $client->sendRequest(new Request('GET', $url));",  # PSR-18 + PSR-7
        "$res = $client->sendRequest($http->jsonRequest('POST', $hook->endpoint, $data));",
        "$res = $this->client->request(Request::METHOD_GET, $absolutePath);",
    ],
    "rust": [
        "let resp = client.get(url).send().await?;",
        "let body = reqwest::get(&feed_url).await?;",
        "let r = ureq::get(&target).call()?;",
        "let res = surf::get(feed_url).await?;",
        "let res = make_http_request(Method::POST, &token_url)?;",
    ],
    "elixir": [
        "HTTPoison.get(url, headers)",
        "Req.get!(url)",
        "request = Finch.build(:post, url, headers, body)",
        "HTTP.impl().post(url, headers, body, receive_timeout: @timeout)",
    ],
    "python": [
        "resp = requests.post(hook.url, json=payload, timeout=5)",
        "r = httpx.get(target)",
        "with urlopen(feed_url) as f:",
        "resp = self.session.get(image_url)",
        "req = urllib.request.Request(feed_url, headers=h)",
        "self.post(url, json=payload, headers=headers)",  # an HTTP transport subclass
    ],
    "js": [
        "const res = await fetch(url, { redirect: 'follow' });",
        "await axios.post(webhook.url, body);",
        "const r = await got(target);",
        "https.get(avatarUrl, (res) => {});",
        "const res = await this.httpService.axiosRef.get(target);",
    ],
    "go": [
        "resp, err := http.Get(u)",
        'req, err := http.NewRequest("POST", w.URL, body)',
        "req, _ := http.NewRequestWithContext(ctx, http.MethodGet, feedURL, nil)",
        "resp, err := client.Get(mirrorURL)",
        "resp, err := resty.New().R().Get(target)",
    ],
}


@pytest.mark.parametrize(
    ("language", "line"), [(lang, line) for lang, lines in DATA_CALLS.items() for line in lines]
)
def test_a_call_to_a_url_from_data_is_found(language: str, line: str) -> None:
    calls = list(http_calls(line + "\n", language))
    assert [c.target for c in calls] == ["data"], calls


@pytest.mark.parametrize(
    ("language", "text", "target"),
    [
        ("js", "const res = await fetch(\n  hook.url,\n  { method: 'POST' },\n);\n", "data"),
        ("ruby", 'res = s.fetch(\n  "https://api.rates.dev/v1/rates",\n  :post,\n)\n', "literal"),
        (
            "ruby",
            'res = s.fetch(\n  "https://#{cfg.instance_name}/api/v1/statuses",\n  :post)\n',
            "data",
        ),
        ("python", 'r = f.post(f"https://{settings.relay_host}/push", json=b)\n', "data"),
    ],
)
def test_arguments_on_the_next_lines_and_url_strings_on_any_receiver(
    language: str, text: str, target: str
) -> None:
    assert [c.target for c in http_calls(text, language)] == [target]


@pytest.mark.parametrize(
    ("language", "text", "targets"),
    [
        ("csharp", "var html = url.GetStringAsync().Result;\n", ["data"]),
        (
            "csharp",
            'var r = await (Configuration.PlusApiUrl + "/api/license/check")\n'
            '    .WithHeader("Accept", "application/json")\n'
            '    .WithHeader("User-Agent", "App")\n'
            "    .PostJsonAsync(dto);\n",
            ["data"],
        ),
        (
            "csharp",
            'var s = await "https://api.rates.dev/v1".GetJsonAsync<Rates>();\n',
            ["literal"],
        ),
        ("csharp", "var path = await dto.Url\n    .DownloadFileAsync(dir, name);\n", ["data"]),
        ("csharp", "var s = await _httpClient.GetStringAsync(feedUrl);\n", ["data"]),
        ("csharp", "var s = await reader.GetStringAsync();\n", []),
        ("ruby", "body = URI.parse(feed_url).read\n", ["data"]),
        ("php", "curl_setopt($ch, CURLOPT_URL, $hub->callback . '?mode=x');\n", ["data"]),
        (
            "php",
            "$ch = curl_init();\ncurl_setopt_array($ch, [\n  CURLOPT_URL => $feed->url,\n]);\n",
            ["data"],
        ),
        ("php", "curl_setopt($ch, CURLOPT_URL, 'https://api.rates.dev/v1');\n", ["literal"]),
        ("php", "curl_setopt($ch, CURLOPT_TIMEOUT, 10);\n", []),
        # raw TCP connections to a configured daemon
        ("ruby", "sock = TCPSocket.new(@config.host, @config.port)\n", ["data"]),
        ("csharp", "using var c = new TcpClient(settings.Host, settings.Port);\n", ["data"]),
        ("php", "$fp = fsockopen($this->host, $this->port, $errno, $errstr, 5);\n", ["data"]),
        ("python", "s = socket.create_connection((cfg.host, cfg.port), timeout=5)\n", ["data"]),
        ("go", 'conn, err := net.Dial("tcp", cfg.Addr)\n', ["data"]),
        ("java", "Socket s = new Socket();\n", []),
        ("csharp", "var s = new Socket(addressFamily, SocketType.Stream, ProtocolType.Tcp);\n", []),
        ("go", "conn, err := net.DialTimeout(netw, addr, cTimeout)\n", []),
        (
            "java",
            "return webClient\n        .get()\n        .uri(uri)\n        .retrieve();\n",
            ["data"],
        ),
        (
            "java",
            "restClient.method(HttpMethod.POST)\n    .uri(hook.getUrl())\n    .retrieve();\n",
            ["data"],
        ),
        ("java", "var b = UriComponentsBuilder.fromHttpUrl(base)\n    .uri(other);\n", []),
    ],
)
def test_calls_whose_receiver_is_the_url(language: str, text: str, targets: list[str]) -> None:
    assert [c.target for c in http_calls(text, language)] == targets


def test_an_argument_list_is_not_read_past_a_few_lines() -> None:
    text = "x = api.get(\n\n\n\n\n  url)\n"
    assert list(http_calls(text, "python")) == []


def test_a_call_chained_onto_the_next_line_sees_its_receiver() -> None:
    text = (
        "var response = await _factory.CreateClient(NamedClient.Default)\n    .GetAsync(url, ct);\n"
    )
    assert [c.target for c in http_calls(text, "csharp")] == ["data"]


@pytest.mark.parametrize(
    ("language", "line", "target"),
    [
        ("python", "r = requests.get('https://api.rates.dev/latest')", "literal"),
        ("js", "const r = await fetch(`https://api.rates.dev/${x}`)", "literal"),
        ("js", "await fetch('/api/users')", "path"),
        ("js", "await fetch(CONST.ROUTES.getConfig, payload)", "path"),
        ("js", "await fetch(`${API_BASE}/users`)", "data"),
        ("php", "Http::get(config('app.url') . '/api/ping');", "path"),
        ("java", 'HttpRequest.newBuilder(URI.create("https://api.rates.dev/v1"))', "literal"),
        ("csharp", 'await client.GetAsync("https://api.rates.dev/v1")', "literal"),
        (
            "go",
            'http.NewRequestWithContext(ctx, "GET", "https://api.rates.dev/v1", nil)',
            "literal",
        ),
        ("go", "http.NewRequestWithContext(ctx, http.MethodGet, target, nil)", "data"),
        ("csharp", 'await client.GetAsync($"https://api.rates.dev/{id}")', "literal"),
        ("php", "$this->client->request(Request::METHOD_GET, $imageUrl);", "data"),
        (
            "php",
            "$r = $this->client->request(Request::METHOD_POST, 'https://api.rates.dev/v3/get');",
            "literal",
        ),
        ("python", "conn.request(HTTPMethod.GET, 'https://api.rates.dev/v1')", "literal"),
        ("csharp", 'await client.GetAsync($"{BaseUrl}/v1/{id}")', "data"),
        (
            "php",
            "$r = new \\GuzzleHttp\\Psr7\\Request('POST', 'https://api.rates.dev/v1');",
            "literal",
        ),
    ],
)
def test_the_url_argument_is_classified(language: str, line: str, target: str) -> None:
    assert [c.target for c in http_calls(line + "\n", language)] == [target]


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("python", "value = cache.get(url)"),  # a store, not an HTTP client
        ("python", "value = self.seen.get(url)"),  # an attribute of self, not self
        ("python", "value = self.get(key)"),
        ("python", "name = request.args.get('name')"),  # the inbound request
        ("js", "app.get('/users', handler)"),  # a route, not a call
        ("js", "const v = params.get(key)"),
        ("ruby", "value = hash.fetch(:url)"),
        ("php", "$body = file_get_contents($path);"),  # a local file
        ("php", "$handle = fopen($path, 'w');"),  # a local file
        ("python", "f = fopen(url)"),  # only PHP's fopen speaks HTTP
        ("ruby", "value = params.get url"),  # not a client
        ("ruby", "memory.delete url"),
        ("elixir", "Map.get(opts, :url)"),
        ("csharp", "var v = dict.GetValueOrDefault(key);"),
        ("php", "$this->connector->send(new GetArtistRequest($mbid));"),  # URL in the class
        ("java", "GetUserRequest r = new GetUserRequest(userUrl);"),  # no HTTP method: a DTO
        ("php", "throw new HttpFetchException(trans('errors.url_not_allowed'));"),
        ("csharp", "var r = new SearchRequest(query, HttpMethod.Get);"),  # no URL-like argument
        ("csharp", 'var r = new RestRequest("v1/rates", Method.Post);'),  # a path on the client
        ("csharp", 'var r = new ListRequest("v1/items", HttpAccept.Json);'),  # a path
        # where a wrapper is declared, not called
        ("csharp", "public HttpRequest(string url, HttpAccept accept = null)"),
        ("csharp", "private static async Task<string> HttpGetAsync(Uri uri, CancellationToken ct)"),
        ("java", "public static String httpGet(String url) {"),
        ("php", "public function httpGet(string $url, array $options = []): string"),
        ("python", "def http_get(url, timeout=10):"),
        ("go", "func (c *Client) httpGet(ctx context.Context, url string) error {"),
        ("js", "async function httpFetch(url, options) {"),
        # a request helper where it is defined, not called
        ("go", "func (r *Builder) ExecuteRequest(requestURL string) (*http.Response, error) {"),
        ("python", "def make_request(url, timeout=5):"),
        ("csharp", "public async Task<Stream> ExecuteRequestAsync(string url) {"),
        ("js", "export async function doRequest(url: string) {"),
        ("go", "q.ExecuteRequest(job)"),  # a helper given no URL
        ("go", "func NewRequestBuilder(endpoint string) *requestBuilder {"),
        ("python", "async for part in llm.stream(prompt_url):"),  # no HTTP method: not httpx
    ],
)
def test_things_that_are_not_http_calls_are_ignored(language: str, line: str) -> None:
    calls = [c for c in http_calls(line + "\n", language) if c.target == "data"]
    assert calls == []


def test_a_declaration_inside_a_class_is_not_a_call() -> None:
    text = "public class HttpRequest\n{\n    public HttpRequest(string url)\n    {\n    }\n}\n"
    assert list(http_calls(text, "csharp")) == []


def test_classify() -> None:
    assert classify("url") == "data"
    assert classify("'https://x.io/a'") == "literal"
    assert classify('"/health"') == "path"
    assert classify('f"{base}/x"') == "data"


@pytest.mark.parametrize(
    "line",
    [
        "let client = reqwest::Client::builder().timeout(t).build()?;",
        "var c = new HttpClient();",
        "@faraday ||= Faraday.new(options)",
        "$client = new \\GuzzleHttp\\Client(['timeout' => 5]);",
        "const api = axios.create({ timeout: 5000 })",
        "client := &http.Client{Timeout: 5 * time.Second}",
        "session = requests.Session()",
        "OkHttpClient client = new OkHttpClient();",
        "client = Tesla.client(middleware)",
    ],
)
def test_client_constructions(line: str) -> None:
    assert list(client_constructions(line)) == [0] or len(list(client_constructions(line))) == 1


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("go", 'args := append(mirrorGitArgs(), "ls-remote", "--quiet", url, "HEAD")'),
        ("python", 'subprocess.run(["git", "clone", "--mirror", remote_url, path])'),
        ("ruby", 'system("git", "fetch", "--prune", remote)'),
    ],
)
def test_git_network_commands_are_calls_to_data(language: str, line: str) -> None:
    assert [c.target for c in http_calls(line + "\n", language)] == ["data"]


def test_local_git_commands_are_not_calls() -> None:
    assert list(http_calls('run("git", "status", "--porcelain")\n', "go")) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("python", 'BASE = "https://api.recordhub.io"\nr = session.get(f"{BASE}/v1/{rid}")\n'),
        ("js", "const API: string = 'https://api.recordhub.io';\nclient.post(API + '/x', b);\n"),
        ("go", 'root := "https://api.recordhub.io"\nresp, err := client.Get(root + "/v1")\n'),
        (
            "java",
            'static final String ROOT = "https://api.recordhub.io";\nconn.get(ROOT + "/v1");\n',
        ),
        ("php", "$base = 'https://api.recordhub.io';\n$api->post($base . '/v1', $b);\n"),
        ("ruby", 'BASE = "https://api.recordhub.io"\nsession.get("#{BASE}/v1")\n'),
    ],
)
def test_a_client_called_with_a_url_constant_of_the_file_is_a_call(
    language: str, text: str
) -> None:
    # `session` or `client` alone does not say HTTP; an argument built from a name the
    # file binds to an http(s) URL does, whatever the name is.
    assert len(list(http_calls(text, language))) == 1


@pytest.mark.parametrize(
    "text",
    [
        'BASE = "https://api.recordhub.io"\nr = session.get(f"{PREFIX}/v1")\n',  # another name
        'BASE = "/v1"\nr = session.get(f"{BASE}/x")\n',  # not a URL
        'if BASE == "https://api.recordhub.io":\n    session.get(BASE)\n',  # a comparison
    ],
)
def test_a_maybe_client_with_other_arguments_stays_unsure(text: str) -> None:
    assert list(http_calls(text, "python")) == []
