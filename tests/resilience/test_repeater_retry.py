"""go-pkgz/repeater runs a call again on error (`repeater.NewFixed(5, time.Second).Do(ctx,
fn)`): its package name is a retry; a capitalised `Repeater` (a form component) is not."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned

_GO = (
    "package proxy\n\n"
    "import (\n"
    '\t"context"\n'
    '\t"net/http"\n'
    '\t"time"\n\n'
    '\t"github.com/go-pkgz/repeater/v2"\n'
    ")\n\n"
    "func Download(ctx context.Context, url string) (*http.Response, error) {\n"
    "\tclient := http.Client{Timeout: 30 * time.Second}\n"
    "\tvar resp *http.Response\n"
    "\terr := repeater.NewFixed(5, time.Second).Do(ctx, func() error {\n"
    "\t\tvar e error\n"
    "\t\tresp, e = client.Get(url)\n"  # line 16
    "\t\treturn e\n"
    "\t})\n"
    "\treturn resp, err\n"
    "}\n"
)


def test_a_go_pkgz_repeater_around_the_call_is_a_retry(make_tree: TreeBuilder) -> None:
    root = make_tree({"proxy/image.go": _GO})
    item = scanned("image-fetch", [("proxy/image.go", 16)], "call", in_catalog=False)
    verdict = analyze(root, [item], use_cache=False)["image-fetch"].verdicts["retry"]
    assert verdict.verdict == "yes", verdict.reasons
    assert "repeater" in verdict.reasons[0]
