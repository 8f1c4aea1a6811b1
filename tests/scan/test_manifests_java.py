"""pom.xml, build.gradle(.kts) and gradle version catalogs."""

from __future__ import annotations

from integration_risk.scan.manifests import ManifestResult, parse_manifest


def triples(result: ManifestResult) -> list[tuple[str, int, bool]]:
    assert result.error is None, result.error
    assert all(d.ecosystem == "maven" for d in result.dependencies)
    return [(d.name, d.line, d.dev) for d in result.dependencies]


POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>com.acme</groupId>
    <artifactId>platform-parent</artifactId>
    <version>3.2.0</version>
  </parent>
  <artifactId>orders</artifactId>
  <properties>
    <aws.group>software.amazon.awssdk</aws.group>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>${aws.group}</groupId>
        <artifactId>bom</artifactId>
        <version>2.25.0</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>org.springframework.kafka</groupId>
      <artifactId>spring-kafka</artifactId>
      <exclusions>
        <exclusion>
          <groupId>org.apache.kafka</groupId>
          <artifactId>kafka-clients</artifactId>
        </exclusion>
      </exclusions>
    </dependency>
    <dependency>
      <groupId>${project.groupId}</groupId>
      <artifactId>orders-api-client</artifactId>
    </dependency>
    <!-- <dependency><groupId>x</groupId><artifactId>commented</artifactId></dependency> -->
    <dependency>
      <artifactId>postgresql</artifactId>
      <groupId>org.postgresql</groupId>
      <scope>runtime</scope>
    </dependency>
    <dependency>
      <groupId>org.testcontainers</groupId>
      <artifactId>postgresql</artifactId>
      <scope> test </scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.flywaydb</groupId>
        <artifactId>flyway-maven-plugin</artifactId>
        <dependencies>
          <dependency>
            <groupId>com.mysql</groupId>
            <artifactId>mysql-connector-j</artifactId>
          </dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>
</project>
"""


def test_pom_dependencies_management_scopes_and_properties() -> None:
    assert triples(parse_manifest("orders/pom.xml", POM)) == [
        ("software.amazon.awssdk:bom", 18, False),
        ("org.springframework.kafka:spring-kafka", 28, False),
        ("com.acme:orders-api-client", 38, False),
        ("org.postgresql:postgresql", 42, False),
        ("org.testcontainers:postgresql", 48, True),
        ("com.mysql:mysql-connector-j", 60, True),
    ]
    lines = POM.split("\n")
    for dep in parse_manifest("pom.xml", POM).dependencies:
        assert f"<artifactId>{dep.name.split(':')[1]}</artifactId>" in lines[dep.line - 1]


def test_pom_not_xml_and_entities() -> None:
    broken = parse_manifest("pom.xml", "<project>\n  <dependencies>\n    <dependency>\n</project>")
    assert broken.dependencies == ()
    assert broken.error == "pom.xml is not valid XML: line 4"
    assert parse_manifest("pom.xml", "").error == "pom.xml is empty"
    assert parse_manifest("pom.xml", "not xml at all").error == "pom.xml is not valid XML: line 1"
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;">]>\n<project>&b;</project>'
    )
    assert parse_manifest("pom.xml", bomb).error == "pom.xml declares XML entities; not read"


def test_pom_bom_crlf_and_declared_encoding() -> None:
    text = '\ufeff<?xml version="1.0" encoding="ISO-8859-1"?>\r\n' + POM.split("\n", 1)[1].replace(
        "\n", "\r\n"
    )
    assert triples(parse_manifest("pom.xml", text))[0] == ("software.amazon.awssdk:bom", 18, False)


def test_large_pom_parses_every_dependency() -> None:
    # its speed is benchmarks/large_files.py's to measure, not a timed test's
    dep = (
        "    <dependency>\n      <groupId>com.acme.g{i}</groupId>\n"
        "      <artifactId>lib-{i}</artifactId>\n      <version>1.{i}</version>\n"
        "      <scope>{scope}</scope>\n    </dependency>\n"
    )
    body = "".join(dep.format(i=i, scope="test" if i % 2 else "compile") for i in range(340))
    text = f"<project>\n  <dependencies>\n{body}  </dependencies>\n</project>\n"
    assert text.count("\n") >= 2000
    deps = parse_manifest("pom.xml", text).dependencies
    assert len(deps) == 340
    assert (deps[1].name, deps[1].line, deps[1].dev) == ("com.acme.g1:lib-1", 11, True)


GROOVY = """plugins {
    id 'org.springframework.boot' version '3.2.2'
}

dependencies {
    implementation 'org.springframework.boot:spring-boot-starter-data-redis'
    implementation "com.stripe:stripe-java:${stripeVersion}"
    implementation group: 'com.rabbitmq', name: 'amqp-client', version: '5.20.0'
    api platform('software.amazon.awssdk:bom:2.25.0')
    compileOnly 'org.projectlombok:lombok:1.18.30', 'com.google.code.findbugs:jsr305:3.0.2'
    runtimeOnly 'org.postgresql:postgresql'
    annotationProcessor 'org.mapstruct:mapstruct-processor:1.5.5.Final'
    implementation project(':common')
    implementation libs.okhttp
    // implementation 'com.example:commented:1.0'
    /* implementation 'com.example:block-commented:1.0'
       implementation 'com.example:still-commented:1.0' */
    testImplementation 'org.testcontainers:kafka:1.19.4'
    developmentOnly 'org.springframework.boot:spring-boot-devtools'
    integrationTestImplementation 'org.wiremock:wiremock:3.3.1'
}
"""


def test_groovy_build_gradle() -> None:
    assert triples(parse_manifest("build.gradle", GROOVY)) == [
        ("org.springframework.boot:spring-boot-starter-data-redis", 6, False),
        ("com.stripe:stripe-java", 7, False),
        ("com.rabbitmq:amqp-client", 8, False),
        ("software.amazon.awssdk:bom", 9, False),
        ("org.projectlombok:lombok", 10, False),
        ("com.google.code.findbugs:jsr305", 10, False),
        ("org.postgresql:postgresql", 11, False),
        ("org.mapstruct:mapstruct-processor", 12, False),
        ("org.testcontainers:kafka", 18, True),
        ("org.springframework.boot:spring-boot-devtools", 19, True),
        ("org.wiremock:wiremock", 20, True),
    ]


KOTLIN = """plugins {
    kotlin("jvm") version "1.9.22"
    id("com.google.devtools.ksp") version "1.9.22-1.0.17"
}

dependencies {
    implementation("io.ktor:ktor-client-cio:2.3.8")
    implementation(platform("com.google.firebase:firebase-bom:32.7.2"))
    implementation(group = "com.squareup.okhttp3", name = "okhttp", version = "4.12.0")
    kapt("com.google.dagger:dagger-compiler:2.50")
    ksp("androidx.room:room-compiler:2.6.1")
    implementation(libs.retrofit)
    testImplementation(kotlin("test"))
    androidTestImplementation("androidx.test.espresso:espresso-core:3.5.1")
    debugImplementation("com.squareup.leakcanary:leakcanary-android:2.13")
}
"""


def test_kotlin_build_gradle_kts() -> None:
    assert triples(parse_manifest("app/build.gradle.kts", KOTLIN)) == [
        ("io.ktor:ktor-client-cio", 7, False),
        ("com.google.firebase:firebase-bom", 8, False),
        ("com.squareup.okhttp3:okhttp", 9, False),
        ("com.google.dagger:dagger-compiler", 10, False),
        ("androidx.room:room-compiler", 11, False),
        ("androidx.test.espresso:espresso-core", 14, True),
        ("com.squareup.leakcanary:leakcanary-android", 15, True),
    ]


CATALOG = """[versions]
retrofit = "2.9.0"
ktor = "2.3.8"

[libraries]
retrofit = { module = "com.squareup.retrofit2:retrofit", version.ref = "retrofit" }
ktor-client-core = { group = "io.ktor", name = "ktor-client-core", version.ref = "ktor" }
"sentry-android" = "io.sentry:sentry-android:7.3.0"
bad = { version = "1.0" }

[bundles]
ktor = ["ktor-client-core"]

[plugins]
ksp = { id = "com.google.devtools.ksp", version = "1.9.22-1.0.17" }
"""


def test_version_catalog() -> None:
    assert triples(parse_manifest("gradle/libs.versions.toml", CATALOG)) == [
        ("com.squareup.retrofit2:retrofit", 6, False),
        ("io.ktor:ktor-client-core", 7, False),
        ("io.sentry:sentry-android", 8, False),
    ]
    bad = parse_manifest("gradle/libs.versions.toml", "[libraries]\nx = {\n")
    assert bad.error is not None and bad.error.startswith("libs.versions.toml is not valid TOML")
