"""Package names of libraries that run inside the app's process, whatever service their
name mentions: the word rule (`extract.word_provider`) names no provider after them."""

from __future__ import annotations

import re

# Packages that run inside the process whoever publishes them: `tikv-jemallocator` is a
# memory allocator from the TiKV project, not a TiKV client.
# So are text, format and locale-data libraries named after a service's conventions
# (`twitter-text` extracts hashtags, `github-markdown` renders Markdown, `twitter_cldr`
# formats dates and numbers), and id generators (`snowflake_uid` is not Snowflake).
IN_PROCESS = re.compile(
    r"(?:^|[^a-z])(?:je|mi|tc)?malloc|allocator\b"
    r"|(?:^|[^a-z])(?:text|markdown|parser|regex|emoji|formatter|cldr|i18n|l10n)(?:[^a-z]|$)"
    # identifier generators named after a scheme (`snowflake_uid`, `snowflake-id`)
    r"|(?:^|[^a-z])(?:uid|uuid|ulid|id|ids)(?:[^a-z]|$)"
    # libraries that make the app an OAuth or OpenID provider (Ruby `doorkeeper-openid_connect`,
    # npm `oidc-provider`, `oauth2-server`): they answer sign-ins, they call no provider
    r"|(?:^|[^a-z])doorkeeper(?:[^a-z]|$)|(?:oidc|openid|oauth2?)[-_]?(?:provider|server)(?:[^a-z]|$)"
    # compile targets of cross-platform app frameworks (uni-app `@dcloudio/uni-mp-alipay`,
    # Taro `@tarojs/plugin-platform-alipay`): they build the app to run inside that platform
    r"|(?:^|[^a-z])(?:uni-(?:mp|app|quickapp)|plugin-platform)-"
)


# Dependencies that name a protocol client but say nothing of its use: since Ruby 3.1 a Rails
# app lists the bundled gems `net-imap` and `net-pop` because the `mail` gem requires them,
# whether or not the app reads a mailbox (`require "net/imap"` in its code is the evidence).
SAYS_NOTHING: dict[str, frozenset[str]] = {"rubygems": frozenset({"net-imap", "net-pop"})}
