"""General rules found on the seventh round of never-seen repositories (C#, Java, PHP, Go,
TypeScript), each checked on small synthetic lines and trees."""

from __future__ import annotations

from pathlib import Path

from integration_risk.scan.calls import http_calls
from integration_risk.scan.findings import LONGTAIL_FEATURE, LONGTAIL_HOST
from integration_risk.scan.merge_features import fold_features
from integration_risk.scan.testcode import is_test_path
from tests.scan.trees import Group, data_call, scan, write


def test_a_git_library_cloning_a_remote_is_a_call() -> None:
    java = (
        "Git repo = Git.cloneRepository()\n"
        "        .setURI(source.getRepositoryUrl())\n"
        "        .setDirectory(workDir)\n"
        "        .call();\n"
    )
    csharp = "var path = Repository.Clone(options.RemoteUrl, localPath, cloneOptions);\n"
    go = "r, err := git.PlainClone(dir, false, &git.CloneOptions{URL: mirror.Remote})\n"
    python = "repo = Repo.clone_from(template.git_url, target_dir)\n"
    rust = "let repo = Repository::clone(&plugin.repo_url, &dest)?;\n"
    for text, language in (
        (java, "java"),
        (csharp, "csharp"),
        (go, "go"),
        (python, "python"),
        (rust, "rust"),
    ):
        assert [(c.target, c.argument) for c in http_calls(text, language)] == [
            ("data", "git remote")
        ], language


def test_cloning_a_value_or_opening_a_local_repository_is_no_call() -> None:
    rust = "let settings = config.clone();\nlet repo = Repository::open(&dir)?;\n"
    java = "Git git = Git.open(localDir);\nRepository r = git.getRepository();\n"
    assert list(http_calls(rust, "rust")) == []
    assert list(http_calls(java, "java")) == []


def test_a_java_url_handed_in_and_opened_as_http_is_a_call() -> None:
    text = (
        "class StationProbe {\n"
        "    protected HttpURLConnection connect(URL address) throws IOException {\n"
        "        HttpURLConnection c = (HttpURLConnection) address.openConnection();\n"
        "        c.setConnectTimeout(5000);\n"
        "        return c;\n"
        "    }\n"
        "    Manifest manifest(Class<?> type) throws IOException {\n"
        "        URL jar = type.getProtectionDomain().getCodeSource().getLocation();\n"
        "        URLConnection local = jar.openConnection();  // a jar, no HTTP cast\n"
        "        return read(local);\n"
        "    }\n"
        "}\n"
    )
    assert [(c.target, c.argument) for c in http_calls(text, "java")] == [("data", "address")]


def test_a_url_built_then_cast_open_is_one_call_not_two() -> None:
    text = (
        "void post(String server) throws IOException {\n"
        "    URL target = new URL(server);\n"
        "    HttpURLConnection conn = (HttpURLConnection) target.openConnection();\n"
        "}\n"
    )
    assert [(c.target, c.argument) for c in http_calls(text, "java")] == [("data", "server")]


def test_a_gradient_component_is_not_the_linear_issue_tracker(tmp_path: Path) -> None:
    write(
        tmp_path / "mobile",
        {
            "package.json": '{"name": "m", "dependencies": {"expo-linear-gradient": "~14.0.2",'
            ' "react-native-linear-gradient": "^2.8.0"}}\n',
            "app/login.tsx": "import { LinearGradient } from 'expo-linear-gradient';\n"
            "export const Top = () => <LinearGradient colors={['#123', '#456']} />;\n",
        },
    )
    assert "linear" not in scan(tmp_path / "mobile")
    write(
        tmp_path / "tracker",
        {
            "package.json": '{"name": "t", "dependencies": {"@linear/sdk": "^30.0.0"}}\n',
            "src/issues.ts": "import { LinearClient } from '@linear/sdk';\n"
            "export const client = new LinearClient({ apiKey: process.env.LINEAR_API_KEY });\n",
        },
    )
    assert "linear" in scan(tmp_path / "tracker")


def test_an_hsqldb_file_database_is_a_database(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/main/java/app/Store.java": "class Store {\n"
            "    String url(Path home) {\n"
            '        return "jdbc:hsqldb:file:" + home.resolve("db") + ";shutdown=true";\n'
            "    }\n}\n",
        },
    )
    assert "hsqldb" in scan(tmp_path)


def test_a_feature_named_with_a_reported_systems_name_is_part_of_it() -> None:
    groups = {
        "lastfm": Group(("pom.xml", data_call(3))),
        "webhooks": Group(("alarm/HookAlarm.java", data_call(9))),
        LONGTAIL_FEATURE + "tracklog": Group(("sync/Tracklog.go", data_call(4))),
        LONGTAIL_FEATURE + "last-fm-scrobbler": Group(("scrobbler/Scrobbler.java", data_call(40))),
        LONGTAIL_FEATURE + "web-hook-alarm": Group(("alarm/HookAlarm.java", data_call(51))),
        LONGTAIL_FEATURE + "verify-tracklog-key": Group(("routes/settings.go", data_call(17))),
        LONGTAIL_HOST + "api.tracklog.io": Group(("config/config.go", data_call(69))),
    }
    fold_features(groups, frozenset())
    assert sorted(groups) == [
        "lastfm",
        "webhooks",
        LONGTAIL_FEATURE + "tracklog",
        LONGTAIL_HOST + "api.tracklog.io",
    ]
    assert len(groups["lastfm"].items) == 2
    assert len(groups["webhooks"].items) == 2
    assert len(groups[LONGTAIL_FEATURE + "tracklog"].items) == 2


def test_an_umbrella_word_or_a_host_alone_takes_no_feature_in() -> None:
    groups = {
        "google": Group(("auth/google.ts", data_call(2))),
        LONGTAIL_HOST + "api.picsite.com": Group(("lib/picsite_client.rb", data_call(8))),
        LONGTAIL_FEATURE + "google-favicons": Group(("icons/google_favicons.rs", data_call(12))),
        # fetches the pictures it posts at their own URLs: not necessarily that host
        LONGTAIL_FEATURE + "picsite-publish-agent": Group(
            ("agents/picsite_publish.rb", data_call(93))
        ),
    }
    fold_features(groups, frozenset())
    assert LONGTAIL_FEATURE + "google-favicons" in groups
    assert LONGTAIL_FEATURE + "picsite-publish-agent" in groups


def test_a_feature_named_by_a_role_word_takes_no_feature_in() -> None:
    # `auth` and `connection` name roles, not systems: no host of the project bears them
    groups = {
        LONGTAIL_FEATURE + "auth": Group(("Backend/Auth/AuthClient.cs", data_call(5))),
        LONGTAIL_FEATURE + "blobstore-auth": Group(
            ("Backend/Blobstore/BlobAuth.cs", data_call(123))
        ),
        LONGTAIL_FEATURE + "connection": Group(("Remote/Connection.cs", data_call(8))),
        LONGTAIL_FEATURE + "keep-remote-connection": Group(("Control/Keep.cs", data_call(671))),
    }
    fold_features(groups, frozenset())
    assert len(groups) == 4


def test_a_feature_file_in_a_directory_named_by_a_catalog_system_is_part_of_it() -> None:
    groups = {
        "oidc": Group(("src/Auth/Oidc/OidcClient.php", data_call(67))),
        LONGTAIL_FEATURE + "discovery": Group(
            ("src/Auth/Oidc/OidcDiscoveryService.php", data_call(39))
        ),
        LONGTAIL_FEATURE + "feed-poller": Group(("src/Feeds/FeedPoller.php", data_call(20))),
    }
    fold_features(groups, frozenset())
    assert sorted(groups) == ["oidc", LONGTAIL_FEATURE + "feed-poller"]
    assert len(groups["oidc"].items) == 2


def test_a_feature_whose_whole_name_is_a_systems_stays_itself() -> None:
    # `listen-brainz` beside `listenbrainz` is the same name, not a part of another one
    groups = {
        "listenbrainz": Group(("pom.xml", data_call(3))),
        LONGTAIL_FEATURE + "listen-brainz": Group(("scrobble/ListenBrainz.cs", data_call(30))),
    }
    fold_features(groups, frozenset())
    assert LONGTAIL_FEATURE + "listen-brainz" in groups


def test_a_documentation_link_put_in_a_map_is_not_called(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/main/java/app/MigrateService.java": "class MigrateService {\n"
            "    Map<String, String> result() {\n"
            "        Map<String, String> log = new HashMap<>();\n"
            '        log.put("docs", "https://www.docsite.com/team/migrate-steps");\n'
            "        return log;\n    }\n}\n",
        },
    )
    assert not [i for i in scan(tmp_path) if "docsite" in i]


def test_an_installer_script_is_deployment_tooling(tmp_path: Path) -> None:
    assert is_test_path("install.sh")
    assert is_test_path("deploy/install-dev.sh")
    assert is_test_path("installer.ps1")
    assert not is_test_path("src/install.py")  # code of the app itself
    assert not is_test_path("lib/installation.sh")
    write(
        tmp_path,
        {
            "install.sh": "#!/bin/sh\n"
            'latest=$(curl -Ls "https://api.github.com/repos/acme/vaultbox/releases/latest")\n',
            "src/app.py": "print('hello')\n",
        },
    )
    assert "github" not in scan(tmp_path)
