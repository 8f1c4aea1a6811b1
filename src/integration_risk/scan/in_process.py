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
)
