"""Outbound-URL features across files: one feature, one integration."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.findings import LONGTAIL_FEATURE
from integration_risk.scan.merge_features import fold_features
from tests.scan.trees import Group, data_call, scan, write

# (feature file named after its directory, a part of it in another layer, the feature)
PARTS = {
    "php": (
        "app/Services/Gazette/GazetteService.php",
        "<?php\nclass GazetteService {\n  function pull($feed) {\n"
        "    return $this->http->get($feed->url)->body();\n  }\n}\n",
        "app/Values/Gazette/IssueDownload.php",
        "<?php\nclass IssueDownload {\n  static function of($issue, $http) {\n"
        "    return $http->get($issue->enclosure_url);\n  }\n}\n",
        "gazette",
    ),
    "csharp": (
        "src/Tuners/Satcast/SatcastHost.cs",
        "class SatcastHost {\n  async Task Probe(string url) {\n"
        '    var r = await _factory.CreateClient("x").GetAsync(url, ct);\n  }\n}\n',
        "src/Tuners/Satcast/Internal/ChannelPuller.cs",
        "class ChannelPuller {\n  async Task Pull(Channel channel) {\n"
        '    var r = await _factory.CreateClient("x").GetAsync(channel.Path, ct);\n  }\n}\n',
        "satcast",
    ),
    "python": (
        "shop/relaybox/relaybox_client.py",
        "import requests\n\ndef deliver(hook, body):\n    return requests.post(hook.url, json=body)\n",
        "shop/relaybox/utils/retry_probe.py",
        "import requests\n\ndef probe(hook):\n    return requests.head(hook.target_url)\n",
        "relaybox",
    ),
    "ruby": (
        "app/services/mirror/mirror_sync.rb",
        "class MirrorSync\n  def run\n    faraday.get(source.url)\n  end\nend\n",
        "app/models/mirror/upstream_check.rb",
        "class UpstreamCheck\n  def ok?\n    faraday.head(upstream_url)\n  end\nend\n",
        "mirror",
    ),
    "java": (
        "src/main/java/shop/parcelhub/ParcelhubGateway.java",
        "class ParcelhubGateway {\n  void track(Parcel p) {\n"
        "    restTemplate.getForObject(p.getTrackingUrl(), String.class);\n  }\n}\n",
        "src/main/java/shop/parcelhub/impl/LabelDownload.java",
        "class LabelDownload {\n  byte[] fetch(Label label) {\n"
        "    return restTemplate.getForObject(label.getUrl(), byte[].class);\n  }\n}\n",
        "parcelhub",
    ),
    "typescript": (
        "server/unfurl/unfurlLinks.ts",
        "export async function unfurl(link: string) {\n  return fetch(link);\n}\n",
        "server/unfurl/helpers/faviconProbe.ts",
        "export async function probe(iconUrl: string) {\n"
        "  return fetch(iconUrl, { method: 'HEAD' });\n}\n",
        "unfurl",
    ),
    "go": (
        "internal/federation/federation_client.go",
        "package federation\n\nfunc Pull(u string) error {\n\tresp, err := http.Get(u)\n"
        "\treturn err\n}\n",
        "internal/federation/keys.go",
        "package federation\n\nfunc FetchKey(keyURL string) error {\n"
        "\tresp, err := http.Get(keyURL)\n\treturn err\n}\n",
        "federation",
    ),
    "rust": (
        "src/favicons/favicons.rs",
        "async fn get_page(url: &str) -> Result<Response> {\n    CLIENT.get(url).send().await\n}\n",
        "src/favicons/util/redirects.rs",
        "async fn follow(location: &str) -> Result<Response> {\n"
        "    CLIENT.get(location).send().await\n}\n",
        "favicons",
    ),
    "elixir": (
        "lib/shop/feeds/feeds.ex",
        "defmodule Shop.Feeds do\n  def pull(url), do: HTTPoison.get(url)\nend\n",
        "lib/shop/feeds/workers/enclosure_head.ex",
        "defmodule Shop.Feeds.Workers.EnclosureHead do\n"
        "  def check(url), do: HTTPoison.head(url)\nend\n",
        "feeds",
    ),
}


@pytest.mark.parametrize("language", sorted(PARTS))
def test_a_file_below_a_directory_named_like_a_feature_is_part_of_it(
    tmp_path: Path, language: str
) -> None:
    feature_path, feature_text, part_path, part_text, name = PARTS[language]
    write(tmp_path, {feature_path: feature_text, part_path: part_text})
    found = scan(tmp_path)
    features = sorted(i for i, v in found.items() if not v.in_catalog)
    assert features == [name], features
    assert {e.path for e in found[name].evidence} == {feature_path, part_path}


def test_a_plural_directory_names_its_singular_feature(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/Services/Podcast/PodcastService.php": "<?php\n$this->http->get($podcast->url);\n",
            "app/Values/Podcasts/Episode.php": "<?php\n$http->get($episode->media_url);\n",
        },
    )
    found = scan(tmp_path)
    assert "episode" not in found
    assert {e.path for e in found["podcast"].evidence} == {
        "app/Services/Podcast/PodcastService.php",
        "app/Values/Podcasts/Episode.php",
    }


def test_features_in_unrelated_directories_stay_apart(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/Services/Radio/RadioConnector.php": "<?php\n$this->http->get($station->url);\n",
            "app/Services/Image/ImageWriter.php": "<?php\n$this->http->get($cover->url);\n",
            "app/Rules/ReachableUrl.php": "<?php\n$this->http->head($value);\n",
        },
    )
    found = scan(tmp_path)
    assert {"radio", "image", "reachable-url"} <= set(found), sorted(found)


def test_only_the_nearest_meaningful_directory_counts(tmp_path: Path) -> None:
    # `Catalog.Providers` is a project directory far above the file; `Posters` is its own.
    write(
        tmp_path,
        {
            "Catalog.Providers/Manager/CatalogManager.cs": "x = client.GetAsync(url, ct);\n",
            "Catalog.Providers/Plugins/Posters/CoverArtProvider.cs": (
                "y = client.GetAsync(image.Url, ct);\n"
            ),
        },
    )
    found = scan(tmp_path)
    assert {"catalog", "cover-art"} <= set(found), sorted(found)


def test_two_features_naming_each_others_directories_lose_no_evidence() -> None:
    groups = {
        LONGTAIL_FEATURE + "alpha": Group(("src/beta/alpha_sync.py", data_call(1))),
        LONGTAIL_FEATURE + "beta": Group(("src/alpha/beta_sync.py", data_call(2))),
    }
    fold_features(groups, frozenset())
    assert sum(len(g.items) for g in groups.values()) == 2
    assert len(groups) == 1


def test_a_shared_first_word_merges_only_below_a_directory_named_by_it(tmp_path: Path) -> None:
    # `Quill/` holds both quill features: one system. `Torrent*` files in unrelated
    # directories (an indexer, a download client) only share a word.
    write(
        tmp_path,
        {
            "src/Plugins/Quill/QuillBookProvider.cs": "x = client.GetAsync(book.Url, ct);\n",
            "src/Plugins/Quill/Covers/QuillCoverFetch.cs": "y = client.GetAsync(cover.Url, ct);\n",
            "src/Indexers/TorrentPotato/TorrentPotatoSearch.cs": (
                "z = client.GetAsync(settings.BaseUrl, ct);\n"
            ),
            "src/Download/TorrentClientBase.cs": "w = client.GetAsync(release.DownloadUrl, ct);\n",
        },
    )
    found = scan(tmp_path)
    assert "quill" in found and "quill-cover-fetch" not in found, sorted(found)
    assert {"torrent-potato", "torrent-client-base"} <= set(found), sorted(found)


def test_a_shared_first_word_merges_side_by_side_and_into_the_word_itself(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            # two files in one directory
            "src/Tuners/XmlTvGuide.cs": "x = client.GetAsync(source.Url, ct);\n",
            "src/Tuners/XmlTvChannelList.cs": "y = client.GetAsync(list.Url, ct);\n",
            # a feature named by the word alone holds its namesakes elsewhere
            "lib/shop/ledger/shop.ex": "def pull(url), do: HTTPoison.get(url)\n",
            "lib/shop_web/controllers/ledger_proxy_controller.ex": (
                "def show(url), do: HTTPoison.get(url)\n"
            ),
        },
    )
    found = scan(tmp_path)
    features = sorted(i for i, v in found.items() if not v.in_catalog)
    assert features == ["ledger", "xml"], features


def test_a_feature_beside_the_one_host_its_directory_spells_is_that_host(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Indexers/Quill/QuillSettings.cs": (
                "public class QuillSettings {\n  public QuillSettings() {\n"
                '    BaseUrl = "https://api.quill-tracker.net";\n  }\n}\n'
            ),
            "src/Indexers/Quill/QuillRequestGenerator.cs": (
                "var r = await client.GetAsync(Settings.BaseUrl + path, ct);\n"
            ),
            # another directory without a host keeps its feature
            "src/Indexers/Heron/HeronRequestGenerator.cs": (
                "var r = await client.GetAsync(Settings.BaseUrl + path, ct);\n"
            ),
            # a flat directory of unrelated modules: the host beside names nothing else
            "src/api/admin.rs": 'let r = CLIENT.get("https://api.status-site.net/v1").send()?;\n',
            "src/api/favicons.rs": "let r = CLIENT.get(&icon_url).send()?;\n",
        },
    )
    found = scan(tmp_path)
    assert "quill" not in found, sorted(found)
    assert {e.path for e in found["api.quill-tracker.net"].evidence} == {
        "src/Indexers/Quill/QuillSettings.cs",
        "src/Indexers/Quill/QuillRequestGenerator.cs",
    }
    assert "heron" in found
    assert "favicons" in found, sorted(found)
