"""The commands that turn pages into records: ``clean`` (saved files), ``list`` (a saved list
page), ``fetch`` (the network) and ``detect`` (which reader took a page, and why)."""

import re
from typing import Annotated, Any

import typer

from ..errors import PressclipError
from .common import (
    Log,
    browser,
    chosen_format,
    cookies_option,
    emit,
    explain,
    fetch_options,
    progress,
    recorders,
    render_mode,
    saved_scripts,
    site_profile,
    writing,
)
from .core import app
from .errors import Usage, boundary, fail, shown, warn
from .options import (
    FETCH_DEFAULTS,
    MAX_BYTES_DEFAULT,
    BaseUrlOpt,
    CookiesOpt,
    DeadlineOpt,
    DelayOpt,
    Format,
    HeaderOpt,
    IgnoreRobotsOpt,
    InputFileOpt,
    ListFormatOpt,
    MaxBytesOpt,
    NoDedupOpt,
    OcrOpt,
    OutputOpt,
    ProfileOpt,
    QuietOpt,
    RecordFormat,
    RecordFormatOpt,
    RenderOpt,
    RetriesOpt,
    ScriptOpt,
    StatusFormat,
    StatusFormatOpt,
    TimeoutOpt,
    UserAgentOpt,
    VerboseOpt,
    WarcOpt,
    parse_headers,
    size_option,
)

#: Most an HWP/HWPX/PDF given to ``clean`` may unpack to.
CLEAN_MAX_BYTES = "64MiB"
#: A source that is a URL, not a file.
URL_SCHEME = r"^[A-Za-z][A-Za-z0-9+.-]*://"


@app.command(short_help="Clean saved pages or scraped text files into records.")
@boundary()
def clean(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Saved pages or scraped text files; - for stdin."),
    ],
    fmt: RecordFormatOpt = None,
    output: OutputOpt = None,
    base_url: BaseUrlOpt = None,
    no_dedup: NoDedupOpt = False,
    show: Annotated[
        bool, typer.Option("--explain", help="List collapsed paragraphs and why, on stderr.")
    ] = False,
    max_bytes: Annotated[
        str,
        typer.Option(
            metavar="SIZE",
            help=f"Most an HWP/HWPX/PDF may unpack to [default: {CLEAN_MAX_BYTES}].",
        ),
    ] = CLEAN_MAX_BYTES,
    profile_file: ProfileOpt = None,
    ocr: OcrOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Clean a saved board page (HTML), a scraped text file, or an HWP/HWPX/PDF release.

    Example: pressclip clean post.txt --format text

    Example: pressclip clean release.hwp -f json
    """
    log = Log(verbose)
    read = {"url": base_url, "max_bytes": size_option(max_bytes), "ocr": ocr}
    read["profile"] = site_profile(profile_file)
    failed = False
    with writing(output, chosen_format(fmt, output) or "json", auto=True, array=False) as writer:
        if len(paths) > 1:
            writer.as_lines()
        for path in paths:
            article = _cleaned(path, log, read, dedup=not no_dedup, show=show)
            failed = failed or article is None
            if article is not None:
                data = article.to_dict()
                writer.write(article, data if len(paths) == 1 else {"source": path, **data})
    if failed:
        raise typer.Exit(1)


def _cleaned(path: str, log: Log, read: dict[str, Any], *, dedup: bool, show: bool) -> Any:
    """The record of one ``clean`` input, or None after saying why it has none."""
    from ..inputs import read_input
    from ..pipeline import apply_dedup, read_document

    try:
        article = read_document(read_input(path), name=path, **read)
    except PressclipError as exc:
        fail(f"{path}: {exc}")
        return None
    log.detail(f"{path}: read by the {article.engine} reader")
    log.sources(path, article)
    if dedup:
        article, removed = apply_dedup(article)
        if show:
            explain(path, article, removed)
    return article


@app.command("list", short_help="The posts on a saved list page, and the next page.")
@boundary()
def list_(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A saved list page; - for stdin.")],
    fmt: ListFormatOpt = None,
    output: OutputOpt = None,
    base_url: BaseUrlOpt = None,
    profile_file: ProfileOpt = None,
    script_files: ScriptOpt = None,
) -> None:
    """Print the posts on a board's list page and the next page's address.

    Example: pressclip list press_list.html --base-url "http://example.kr/bbs/board.php?bo_table=press"
    """
    from ..output.writers import render_listing

    profile = site_profile(profile_file)
    scripts = saved_scripts(script_files)
    listing = _listing(path, base_url, profile, scripts)
    for warning in listing.warnings:  # rows kept with url null, a pager we cannot follow
        warn(f"{path}: {warning}")
    fmt = Format(chosen_format(fmt, output, [f.value for f in Format]) or "json")
    if fmt is Format.text:
        emit([render_listing(listing)], fmt, output, single=True)
    elif fmt is Format.json:
        emit([listing.to_dict()], fmt, output, single=True)
    else:
        rows = [p.to_dict() for p in listing.posts]
        emit(rows + [{"next_page": listing.next_page}], fmt, output, single=False)


def _listing(path: str, base_url: str | None, profile: Any, scripts: list[str]) -> Any:
    """The Listing of a saved list page; a PressclipError naming ``path``."""
    from ..decode import decode
    from ..inputs import read_input
    from ..pipeline import parse_list

    try:
        data = read_input(path)
        if not data.strip():
            raise PressclipError("empty input")
        return parse_list(decode(data)[0], base_url, profile, scripts)
    except PressclipError as exc:
        raise PressclipError(f"{path}: {exc}") from None


@app.command(short_help="Download posts or list pages; print records as they come.")
@boundary()
def fetch(
    urls: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[URL]...", help="Post or list-page URLs (http/https); - reads stdin."
        ),
    ] = None,
    input_file: InputFileOpt = None,
    fmt: Annotated[
        RecordFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json, jsonl, text, csv or markdown [default: what -o FILE's suffix names, "
            "else json for one post, jsonl for more].",
        ),
    ] = None,
    output: OutputOpt = None,
    base_url: BaseUrlOpt = None,
    pages: Annotated[
        int, typer.Option(min=1, metavar="N", help="List pages to follow via next_page.")
    ] = 1,
    limit: Annotated[int | None, typer.Option(min=1, metavar="N", help="At most N posts.")] = None,
    user_agent: UserAgentOpt = None,
    header: HeaderOpt = None,
    cookies: CookiesOpt = None,
    timeout: TimeoutOpt = None,
    retries: RetriesOpt = FETCH_DEFAULTS.RETRIES,
    max_bytes: MaxBytesOpt = MAX_BYTES_DEFAULT,
    delay: DelayOpt = None,
    deadline: DeadlineOpt = FETCH_DEFAULTS.DEADLINE,
    ignore_robots: IgnoreRobotsOpt = False,
    no_dedup: NoDedupOpt = False,
    profile_file: ProfileOpt = None,
    warc: WarcOpt = None,
    ocr: OcrOpt = False,
    render: RenderOpt = None,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Download posts (or the posts on a list page) and print their records as they come.

    Example: pressclip fetch "https://example.kr/bbs/board.php?bo_table=press&wr_id=12"
    """
    log = Log(verbose, quiet)
    net: dict[str, Any] = {
        "user_agent": user_agent,
        "timeout": timeout,
        "retries": retries,
        "delay": delay,
    }
    net |= {"max_bytes": size_option(max_bytes), "headers": parse_headers(header)}
    net |= {"cookies": cookies_option(cookies), "deadline": deadline}
    net["ignore_robots"] = ignore_robots
    crawl = {"pages": pages, "limit": limit, "base_url": base_url, "collapse": not no_dedup}
    crawl |= {"profile": site_profile(profile_file), "ocr": ocr}
    render = render_mode(render)
    targets = _targets(urls, input_file)
    named = chosen_format(fmt, output)  # -f, else the -o FILE's suffix
    # no --format: json for one post, JSON lines for more; -f json: an object or an array
    chosen = named or ("json" if len(targets) == 1 else "jsonl")
    with (
        recorders(log, warc) as recorder,
        writing(output, chosen, auto=chosen == "json", array=named is not None) as writer,
    ):
        failed = _fetch_into(
            writer, targets, fetch_options(recorder=recorder, **net), crawl, log, render
        )
    if failed:
        raise typer.Exit(1)


def _targets(urls: list[str] | None, input_file: str | None) -> list[str]:
    """``fetch``'s URLs, from the arguments, stdin and ``--input-file``; a usage error when
    there are none."""
    from ..inputs import gather_urls

    targets = gather_urls(urls, input_file)
    if not targets:
        raise Usage("no URLs: give URL arguments, - (stdin) or --input-file FILE")
    return targets


def _fetch_into(
    writer: Any, targets: list[str], options: Any, crawl: dict[str, Any], log: Log, render: Any
) -> int:
    """Fetch ``targets`` and write each record as it comes; the number that failed (each
    said so)."""
    from ..crawl.boards import crawl as crawl_urls
    from ..fetch.http import Fetcher

    failed = 0
    with (
        Fetcher(options) as fetcher,
        browser(fetcher, render) as renderer,
        progress(log.quiet) as step,
    ):
        outcomes = crawl_urls(
            targets, fetcher, on_url=step, on_skip=log.skip, renderer=renderer, **crawl
        )
        for outcome in outcomes:
            if outcome.article is None:
                fail(outcome.error or f"{outcome.url}: failed")
                failed += 1
                writer.as_lines()
                continue
            if outcome.listed:
                writer.as_lines()  # a list page's posts: JSON lines from the first one
            log.detail(f"{outcome.url}: read by the {outcome.article.engine} reader")
            log.sources(outcome.url, outcome.article)
            writer.write(outcome.article, outcome.article.to_dict())
    return failed


@app.command(short_help="Which reader takes a page, and where each field came from.")
@boundary()
def detect(
    source: Annotated[str, typer.Argument(help="A saved page, - for stdin, or an http(s) URL.")],
    base_url: BaseUrlOpt = None,
    profile_file: ProfileOpt = None,
    script_files: ScriptOpt = None,
    fmt: StatusFormatOpt = StatusFormat.text,
    as_json: Annotated[bool, typer.Option("--json", hidden=True, help="-f json.")] = False,
) -> None:
    """Show which reader takes a page, view or list, and each field with where it came from.

    Example: pressclip detect post.html --base-url "https://example.kr/board/view.do?id=1"
    """
    import json

    profile = site_profile(profile_file)
    scripts = saved_scripts(script_files)
    info = _described(source, base_url, profile, scripts)
    for warning in info.get("warnings", []):  # list rows kept without an address …
        warn(f"{source}: {warning}")
    if as_json or fmt.value == "json":
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        for line in _detect_lines(info):
            typer.echo(shown(line))


def _described(source: str, base_url: str | None, profile: Any, scripts: list[str]) -> Any:
    """What :func:`pressclip.pipeline.describe_input` says of a page, a file or a URL; a
    PressclipError naming ``source``."""
    from ..inputs import read_input
    from ..pipeline import describe_input

    try:
        if re.match(URL_SCHEME, source):
            return _detect_url(source, base_url, profile)
        data = read_input(source)
        return describe_input(data, base_url, name=source, profile=profile, scripts=scripts)
    except PressclipError as exc:
        message = str(exc)
        named = message if message.startswith(source) else f"{source}: {message}"
        raise PressclipError(named) from None


def _detect_lines(info: dict[str, Any]) -> list[str]:
    """``detect``'s text report, a line each."""
    lines = [f"reader: {_detected('reader', info['reader'])}"]
    lines.append(f"kind: {_detected('kind', info['kind'])}")
    if info["kind"] == "list":
        missing = f" ({info['without_url']} without an address)" if info["without_url"] else ""
        lines.append(f"posts: {info['posts']}{missing}")
        return [*lines, f"next_page: {_detected('next_page', info['next_page'])}"]
    for name, item in info["fields"].items():
        lines.append(f"{name}: {_detected(name, item['value'])}")
        found = item["source"]
        lines.append(f"    from {found}: {item['why']}" if found else "    not found")
        for other in item.get("proposals", []):
            shown_value = _detected(name, other["value"])
            lines.append(f"    also proposed by {other['source']}: {shown_value}")
    return lines


def _detected(name: str, value: Any) -> str:
    """A field's value as ``detect`` prints it in text."""
    if value is None:
        return "null"
    if name == "attachments":
        return ", ".join(f"{a['name']} <{a['url']}>" for a in value) or "none"
    if name == "body":
        if not value["lines"]:
            return "0 lines"
        return f"{value['lines']} lines, from {value['first']!r} to {value['last']!r}"
    return str(value)


def _detect_url(source: str, base_url: str | None, profile: Any) -> dict[str, Any]:
    """:func:`describe` of a fetched page (``fetch``'s defaults); a list page's rows read as
    ``fetch`` reads them, with the page's own script files when its rows need them."""
    from ..crawl.boards import listing_from_page
    from ..crawl.scripts import ScriptFiles
    from ..extract.dispatch import describe, describe_text, is_list_page
    from ..fetch.http import Fetcher
    from ..pipeline import looks_like_html

    with Fetcher(fetch_options()) as fetcher:
        page = fetcher.fetch(source)
        url = base_url or page.url
        if not looks_like_html(page.text):
            return describe_text(page.text, url)
        listing = None
        if is_list_page(page.text, profile):
            listing = listing_from_page(page, base_url, profile, ScriptFiles(fetcher))
        return describe(page.text, url, profile, listing)
