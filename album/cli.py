"""The ``album`` command line: index folders, search, inspect. Never imports Qt or torch.

Every command takes ``--json`` and then prints one JSON object per line (see README "JSON output").
Library code only logs; this module decides what reaches the terminal.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import math
import os
import re
import sys
import threading
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from album import __version__
from album.runtime import configure_process

if TYPE_CHECKING:  # the core is imported by the commands that use it, so `album --help` answers at once
    from album.core.library import IndexProgress, IndexReport, Library, LockHolder, Paths, Query
    from album.core.records import Person, Reason, SearchHit, SearchResult

log = logging.getLogger("album")


def _emit(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str), flush=True)


def parse_day(text: str, end: bool = False) -> date:
    """``2023``, ``2023-07`` or ``2023-07-15``; a partial date means its first (or, with end, last) day."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.group(1), match.group(2), match.group(3)
    if not 1826 <= int(year) <= 2200:
        raise argparse.ArgumentTypeError(f"not a date a photo can have: {text!r} (years 1826–2200)")
    try:
        if day:
            return date(int(year), int(month), int(day))
        if month:
            first = date(int(year), int(month), 1)
            if not end:
                return first
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(int(year), 12, 31) if end else date(int(year), 1, 1)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} ({exc})") from None


def parse_latlon(text: str) -> tuple[float, float]:
    try:
        lat_text, lon_text = text.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LAT,LON such as 38.72,-9.14, got {text!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"coordinates out of range: {text!r}")
    return lat, lon


def positive_km(text: str) -> float:
    try:
        km = float(text)
    except ValueError:
        km = math.nan
    if not (math.isfinite(km) and 0 < km <= 20_040):
        raise argparse.ArgumentTypeError(f"a distance must be a number of km between 0 and 20040, not {text!r}")
    return km


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def text_argument(text: str) -> str:
    """Search words, names and tags: must be valid UTF-8 (a path argument need not be)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(f"not valid UTF-8 text: {text!r}") from None
    if not text.strip():
        raise argparse.ArgumentTypeError("cannot be empty")
    return text


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]}


def printable(text: str) -> str:
    """``text`` safe to print to a terminal: control characters (escape sequences, newlines in file
    names) are shown as ``\\xNN`` instead of acting on the terminal."""
    return text.translate(_CONTROL)


class TerminalProgress:
    """A tqdm bar on an interactive terminal; silence when output is piped or JSON is requested."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._phase = ""

    def __call__(self, p: IndexProgress) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        if p.phase != self._phase:
            self.close()
            self._phase = p.phase
            if p.total:
                self._bar = tqdm(total=p.total, desc=p.phase, unit="photo", file=sys.stderr, smoothing=0.1)
            elif p.phase != "indexing":
                print(f"{p.phase}…", file=sys.stderr)  # a step without a count: at least say what is going on
        if self._bar is not None:
            self._bar.n = p.done
            self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


KEPT_REASONS = {
    "empty": "the folder is empty (an unplugged drive or an unmounted share?)",
    "other drive": "the folder is on another drive than last time",
    "most photos gone": "most of its photos are gone at once",
}


def _library(paths: Paths, warm_search: bool = False) -> Library:
    """The user's library. The core (LanceDB, numpy, the parser) is imported here, when a command
    needs it, rather than with this module: ``album --help`` and a mistyped argument answer at once.
    ``warm_search``: the command will encode a text (see :class:`~album.core.library.Library`)."""
    from album.core.library import Library

    return Library(paths, warm_search=warm_search)


def _say_waiting(holder: LockHolder | None) -> None:
    who = holder.describe() if holder else "another album process"
    print(f"album: waiting for {who} to finish changing the library (Ctrl+C to give up)…", file=sys.stderr)


def cmd_index(args: argparse.Namespace, paths: Paths) -> int:
    from album.core.library import DiskFull

    library = _library(paths)
    bar = TerminalProgress(enabled=sys.stderr.isatty() and not args.json)
    cancel = threading.Event()

    def progress(p: IndexProgress) -> None:
        if p.phase == "waiting":  # said even when piped: a silent wait looks like a hang
            _say_waiting(library.lock_holder())
        else:
            bar(p)

    try:
        report = library.index(args.paths, progress=progress, cancel=cancel, wait=not args.no_wait, prune=args.prune)
    except KeyboardInterrupt:
        cancel.set()
        bar.close()
        print("interrupted: indexed photos are saved; run the same command again to resume", file=sys.stderr)
        return 130
    except DiskFull as exc:
        bar.close()
        print(f"album: {exc}", file=sys.stderr)
        return 1
    bar.close()
    _print_report(report, args.json)
    return 0


def _print_report(report: IndexReport, as_json: bool) -> None:
    summary = {
        "found": report.found, "videos": report.videos, "added": report.added, "updated": report.updated,
        "moved": report.moved, "removed": report.removed, "unchanged": report.unchanged, "reread": report.reread,
        "failed": report.failed,
        "unreadable_folders": [{"path": p, "reason": r} for p, r in report.unreadable_folders],
        "kept_folders": [{"path": k.folder, "reason": k.reason, "kept": k.kept} for k in report.kept_folders],
        "unavailable": report.unavailable, "cancelled": report.cancelled, "seconds": round(report.seconds, 2),
    }  # fmt: skip
    if as_json:
        _emit(summary)
        return
    rate = report.decoded / report.seconds if report.seconds else 0.0
    photos, videos = report.found - report.videos, report.videos
    found = f"{photos} photos and {videos} video{'s' * (videos != 1)}" if videos else f"{photos} photos"
    print(
        f"{found} found: {report.added} added, {report.updated} updated, {report.moved} moved, "
        f"{report.removed} removed, {report.unchanged} unchanged, {report.failed} failed "
        f"({report.seconds:.1f} s, {rate:.1f} photos/s)"
    )
    if report.restored:
        print(f"{report.restored} photos came back and got their faces and names back")
    if report.refreshed:
        print(f"{report.refreshed} photos analysed by a model they had missed (a new or changed model)")
    if report.reread:
        print(f"{report.reread} photos' metadata read again (their sidecars changed, or album learnt to read more)")
    for folder, reason in report.unreadable_folders:
        print(f"could not read folder {folder}: {reason}", file=sys.stderr)
    for kept in report.kept_folders:
        print(printable(f"kept {kept.kept} photos of {kept.folder}: {KEPT_REASONS[kept.reason]}; if they are "
                        "really gone, run the same command with --prune to remove them"), file=sys.stderr)  # fmt: skip
    for notice in report.unavailable:
        print(f"skipped {notice}", file=sys.stderr)
    if report.failed:
        print("see `album errors` for the files that could not be indexed", file=sys.stderr)


def reason_text(reason: Reason) -> str:
    """Why a photo matched, in the CLI's words (English)."""
    from album.core.records import (
        CameraContains,
        Described,
        Keyworded,
        Labelled,
        Rated,
        Similarity,
        Tagged,
        TakenBetween,
        TakenIn,
        TakenNear,
        Without,
        WithPeople,
    )

    match reason:
        case Similarity(score):
            return f"similarity {score:.2f}"
        case TakenBetween(date_from, date_to, from_hour, to_hour):
            start = f"{date_from or '…'}" + (f" {from_hour:02d}:00" if date_from and from_hour is not None else "")
            end = f"{date_to or '…'}" + (f" {to_hour:02d}:00" if date_to and to_hour is not None else "")
            return f"taken {start} – {end}"
        case TakenNear(name, lat, lon, radius_km):
            return f"within {radius_km:g} km of {name or f'{lat:.4f}, {lon:.4f}'}"
        case TakenIn(country, region):
            return f"in {region}, {country}" if region else f"in {country}"
        case CameraContains(text):
            return f"camera contains {text!r}"
        case Tagged(tags):
            return "tagged " + ", ".join(tags)
        case WithPeople(names):
            return "with " + " and ".join(names)
        case Without(terms):
            return "without " + ", ".join(terms)
        case Keyworded(keywords):
            return "your tags " + ", ".join(keywords)
        case Rated(minimum, rejected):
            return "rejected" if rejected else f"rated {minimum}+ stars"
        case Labelled(colour):
            return f"labelled {colour}"
        case Described(text):
            return f"{text!r} in its title, caption or your tags"
    raise AssertionError(f"unknown reason {reason!r}")


def hit_json(hit: SearchHit, album_names: dict[str, str] | None = None) -> dict[str, Any]:
    """A search hit as ``album search --json`` prints it: the photo record, its score and why."""
    record = {**hit.photo.to_json(album_names), "score": hit.score, "why": [reason_text(r) for r in hit.reasons]}
    if hit.time is not None:
        record["time"] = hit.time  # a video's second that matched best
    return record


def _print_hit_line(hit: SearchHit) -> None:
    photo = hit.photo
    where = f"{photo.lat:.5f},{photo.lon:.5f}" if photo.lat is not None and photo.lon is not None else ""
    camera = " ".join(p for p in (photo.camera_make, photo.camera_model) if p)
    score = f"{hit.score:.3f}" if hit.score is not None else ""
    at = f"at {hit.time:.1f} s" if hit.time is not None else ""  # a video: the second that matched best
    parts = (score, photo.taken_iso or "no date", photo.path, at, camera, where)
    print(printable("  ".join(p for p in parts if p)))


def _filters(args: argparse.Namespace, library: Library, text: str = "") -> Query:
    """The typed search text, understood by the query parser, with the explicit flags on top."""
    from album.core.library import PlaceFilter

    if args.km is not None and args.near is None:
        raise SystemExit("album: --km needs --near LAT,LON")
    query = library.parse(text)
    known = library.known_people()
    changes: dict[str, Any] = {}
    if args.near:
        changes["place"] = PlaceFilter(lat=args.near[0], lon=args.near[1], radius_km=args.km or 10.0)
    if args.after:
        changes["date_from"] = args.after
    if args.before:
        changes["date_to"] = args.before
    if args.camera:
        changes["camera"] = args.camera
    if args.tag:
        changes["tags"] = query.tags + tuple(args.tag)
    for name in args.person or ():
        person = next((p for p in known if p.name.casefold() == name.casefold()), None)
        person = person or next((p for p in known if p.name.casefold().startswith(name.casefold())), None)
        if person is None:
            raise SystemExit(f"album: nobody called {name!r} (see `album people`)")
        changes["people"] = (*changes.get("people", query.people), person.name)
        changes["person_ids"] = (*changes.get("person_ids", query.person_ids), person.id)
    return dataclasses.replace(query, **changes)


def cmd_parse(args: argparse.Namespace, paths: Paths) -> int:
    """How a search is understood: in this library (its people and whereabouts), or with ``--people``."""
    from album.core.library import KnownPerson, parse_kept

    today = date.fromisoformat(args.today) if args.today else None
    names = [name.strip() for name in args.people.split(",") if name.strip()]
    known = [KnownPerson(f"p{i}", name) for i, name in enumerate(names)] if args.people else None
    kept = parse_kept(paths, args.query, known, today)  # the facts the library kept: no database to open
    if kept is None:
        library = _library(paths)
        query = library.parse(args.query, known=known, today=today)
        kept = query, library.to_syntax(query)
    query, syntax = kept
    if args.json:
        _emit(query.to_json())
    else:
        print(syntax)
    return 0


def _print_results(library: Library, result: SearchResult, as_json: bool, query: Query | None = None) -> None:
    if result.notice:
        print(f"album: {result.notice}", file=sys.stderr)
    names = library.album_names() if as_json else {}
    for hit in result.hits:
        _emit(hit_json(hit, names)) if as_json else _print_hit_line(hit)
    if result.weak and not as_json:
        print("album: a weak match: nothing stands out for this text; these are the closest photos", file=sys.stderr)
    if not result.hits and not as_json:
        syntax = library.to_syntax(query) if query is not None else ""
        print("album: no photos match" + (f" (understood as: {syntax})" if syntax else ""), file=sys.stderr)
        overview = result.overview
        if overview is not None and overview.photos:
            holds = [("places", overview.places), ("years", [str(y) for y in overview.years]),
                     ("people", overview.people)]  # fmt: skip
            said = "; ".join(f"{kind}: {', '.join(values)}" for kind, values in holds if values)
            if said:
                print(f"album: the library's photos are from {said}", file=sys.stderr)


def cmd_search(args: argparse.Namespace, paths: Paths) -> int:
    library = _library(paths, warm_search=bool(args.text))
    query = _filters(args, library, " ".join(args.text))
    _print_results(library, library.search(query, limit=args.limit), args.json, query)
    return 0


def cmd_similar(args: argparse.Namespace, paths: Paths) -> int:
    from album.core.library import ModelUnavailable, PhotoError

    library = _library(paths)
    try:
        result = library.similar(os.path.abspath(args.photo), _filters(args, library), limit=args.limit)
    except (ModelUnavailable, PhotoError, OSError) as exc:
        print(f"album similar: {exc}", file=sys.stderr)
        return 1
    _print_results(library, result, args.json)
    return 0


def _person_json(person: Person) -> dict[str, Any]:
    return {
        "id": person.id, "name": person.name, "face_count": person.face_count, "photo_count": person.photo_count,
        "hidden": person.hidden, "me": person.is_me,
        "faces": [{"id": f.id, "photo": f.photo_path, "bbox": [round(v, 4) for v in f.bbox],
                   "score": round(f.score, 3)} for f in person.faces],
    }  # fmt: skip


def cmd_people(args: argparse.Namespace, paths: Paths) -> int:
    library = _library(paths)
    action = args.action
    if action == "list":
        people = library.people(with_faces=args.json)
        if not people and not args.json:
            print("album: no people yet: they appear once a face model has found the same face in "
                  "several photos (see `album models`)", file=sys.stderr)  # fmt: skip
        for person in people:
            if args.json:
                _emit(_person_json(person))
            else:
                flags = (" (me)" if person.is_me else "") + (" [hidden]" if person.hidden else "")
                print(f"{person.id}  {person.name or '(unnamed)'}{flags}  {person.face_count} faces, "
                      f"{person.photo_count} photos")  # fmt: skip
        return 0
    if action == "name":
        library.name_person(args.ids[0], " ".join(args.ids[1:]))
    elif action == "merge":
        library.merge_people(args.ids[0], args.ids[1:])
    elif action == "move":
        library.move_faces(args.ids, args.to)
    elif action == "split":
        print(library.move_faces(args.ids, None))
    elif action == "reject":
        library.not_this_person(args.ids)
    elif action in ("hide", "show"):
        for person_id in args.ids:
            library.hide_person(person_id, hidden=action == "hide")
    elif action == "me":
        library.set_me(args.ids[0])
    elif action == "cluster":
        report = library.cluster_faces()
        print(f"{report.joined} faces joined people, {report.new_people} new people, {report.waiting} waiting")
    return 0


def cmd_tags(args: argparse.Namespace, paths: Paths) -> int:
    counts = _library(paths).tag_counts()
    for tag, count in counts:
        _emit({"tag": tag, "count": count}) if args.json else print(f"{count:>7}  {tag}")
    if not counts and not args.json:
        print("album: no tags yet: photos are tagged when they are indexed with a CLIP model "
              "(see `album models`)", file=sys.stderr)  # fmt: skip
    return 0


def cmd_explore(args: argparse.Namespace, paths: Paths) -> int:
    """The explore map: each region with its name, then each photo's 2-D position and region."""
    found = _library(paths).explore(args.method)
    for n, region in enumerate(found.regions):
        if args.json:
            _emit({"region": n, "x": round(region.x, 4), "y": round(region.y, 4), "count": region.count,
                   "label": region.label, "label_zh": region.label_zh, "tags": list(region.tags),
                   "place": region.place})  # fmt: skip
        else:
            print(f"region {n:>2} {region.count:>7} photos at ({region.x:.3f}, {region.y:.3f})  "
                  f"{printable(region.label) or '-'}  {region.label_zh or '-'}")  # fmt: skip
    for photo_id, path, (x, y), region_index in zip(found.points.ids, found.points.paths, found.xy.tolist(),
                                                    found.region_of.tolist(), strict=True):  # fmt: skip
        if args.json:
            _emit({"id": photo_id, "path": path, "x": round(x, 4), "y": round(y, 4), "region": region_index})
        else:
            print(f"{x:.4f} {y:.4f}  region {region_index:>2}  {printable(path)}")
    if not len(found) and not args.json:
        print("album: no photos to lay out yet: the map places photos by their CLIP vectors, made when they "
              "are indexed with a CLIP model (see `album models`)", file=sys.stderr)  # fmt: skip
    elif not args.json:
        print(f"album: {len(found)} photos laid out by {found.method.upper()} in {len(found.regions)} regions",
              file=sys.stderr)
    return 0


def human_size(size: int) -> str:
    """Bytes as people read download sizes (decimal units, as the hub shows them)."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def cmd_models(args: argparse.Namespace, paths: Paths) -> int:
    if args.action == "verify":
        return cmd_models_verify(args, paths)
    if args.action == "convert":
        return cmd_models_convert(args, paths)
    if args.action == "download":
        return cmd_models_download(args, paths)
    if args.action == "remove":
        return cmd_models_remove(args, paths)
    if args.new_name:
        print("album models: --name goes with `album models convert`", file=sys.stderr)
        return 2
    library = _library(paths)
    statuses = library.models()
    faces = next(s.name for s in statuses if s.kind == "faces")
    from album.core.library import ModelStatus

    for offer in library.model_offers():  # the face pack not in use (models() shows the one that is)
        if offer.kind == "faces" and offer.name != faces:
            note = ("more accurate; downloads with --accept-licence" if offer.opt_in
                    else "licence-clean: any use, including commercial")  # fmt: skip
            note = f"not used while {faces} is installed" if offer.installed else note
            statuses.append(ModelStatus("faces", offer.name, offer.installed, offer.folder, offer.licence, note))
    chosen = library.settings.clip_model
    for status in statuses:
        size = library.model_size(status)
        info = {
            "kind": status.kind, "name": status.name, "selected": status.name in (faces, chosen),
            "installed": status.installed, "folder": str(status.folder), "size": size,
            "multilingual": status.multilingual, "licence": status.licence, "note": status.note,
        }  # fmt: skip
        if args.json:
            _emit(info)
        else:
            mark = "*" if info["selected"] else " "
            state = "installed" if status.installed else "not downloaded"
            shown = human_size(size) if size is not None else "?"
            shown = shown if status.installed or size is None else f"~{shown}"
            print(f"{mark} {status.kind:<6}{status.name:<34} {state:<15} {shown:>9}  "
                  f"{status.licence:<12} {status.note}")  # fmt: skip
    return 0


class DownloadProgress:
    """``file  120.0 MB of 351.0 MB  8.2 MB/s`` on one terminal line; silent when piped."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._file = ""
        self._start = 0.0
        self._first = 0

    def __call__(self, name: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        import time

        now = time.monotonic()
        if name != self._file:
            if self._file:
                print(file=sys.stderr)
            self._file, self._start, self._first = name, now, done  # a resumed file starts past 0
        speed = (done - self._first) / max(now - self._start, 1e-3)
        of = f" of {human_size(total)}" if total else ""
        print(f"\r{name}  {human_size(done)}{of}  {human_size(int(speed))}/s   ", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self._file:
            print(file=sys.stderr)


def cmd_models_download(args: argparse.Namespace, paths: Paths) -> int:
    """Download a model now (with its size and licence said first); Ctrl+C stops it, and the next
    run resumes where it stopped."""
    library = _library(paths)
    offers = library.model_offers()
    wanted = args.name or "clip"
    packs = [o.name for o in offers if o.kind == "faces"]  # "faces" means the default pack, buffalo_l
    kind = "faces" if wanted in ("faces", *packs) else "clip"
    name = None if wanted in ("clip", "faces") else wanted
    shown = name or (library.settings.clip_model if kind == "clip" else "buffalo_l")
    offer = next((o for o in offers if o.kind == kind and o.name == shown), None)
    if kind == "faces" and offer is not None and offer.opt_in and not offer.installed and not args.accept_licence:
        clean = ", ".join(o.name for o in offers if o.kind == "faces" and not o.opt_in)
        print(f"album: the face models ({offer.name}) are licensed for non-commercial research use only "
              f"({offer.licence}). If your use is non-commercial, run again with --accept-licence; "
              f"otherwise `album models download {clean}` fetches a licence-clean pair.",
              file=sys.stderr)  # fmt: skip
        return 2
    if offer is not None and not offer.installed and not args.json:
        print(f"downloading {offer.name} (about {human_size(offer.size)}; licence: {offer.licence}) "
              f"into {offer.folder}", file=sys.stderr)  # fmt: skip
    bar = DownloadProgress(enabled=sys.stderr.isatty() and not args.json)
    try:
        library.download_model(kind, name, bar)
    except KeyboardInterrupt:
        bar.close()
        print("album: download stopped; run the same command again to resume it", file=sys.stderr)
        return 130
    bar.close()
    name = offer.name if offer is not None else wanted
    if args.json:
        _emit({"downloaded": name, "kind": kind})
    else:
        print(f"{name}: installed")
    return 0


def cmd_models_remove(args: argparse.Namespace, paths: Paths) -> int:
    if not args.name:
        print("album models remove: give the model to remove (see `album models`)", file=sys.stderr)
        return 2
    try:
        folder = _library(paths).remove_model(args.name)
    except ValueError as exc:
        print(f"album: {exc}", file=sys.stderr)
        return 2
    if args.json:
        _emit({"removed": args.name, "folder": str(folder)})
    else:
        print(f"removed {args.name} ({folder})")
    return 0


def cmd_models_verify(args: argparse.Namespace, paths: Paths) -> int:
    """One line per installed model: ok, or which files are broken or missing; exit 1 if any is."""
    checks = _library(paths).verify_models(args.name, repair=args.repair)
    if not checks:
        print(f"album: no installed model {'called ' + repr(args.name) if args.name else 'to verify'} "
              "(see `album models`)", file=sys.stderr)  # fmt: skip
        return 2 if args.name else 0
    for check in checks:
        if args.json:
            _emit({"kind": check.kind, "name": check.name, "folder": str(check.folder), "state": check.state,
                   "broken": list(check.broken), "missing": list(check.missing), "repaired": list(check.repaired),
                   "note": check.note})  # fmt: skip
            continue
        problems = [f"{name} is damaged" for name in check.broken] + [f"{name} is missing" for name in check.missing]
        done = [f"downloaded again: {', '.join(check.repaired)}"] if check.repaired else []
        detail = "; ".join([*problems, *done, *([check.note] if check.note else [])])
        print(printable(f"{check.state:<9} {check.kind:<6}{check.name:<34} {detail or check.folder}"))
    if any(check.state == "broken" for check in checks):
        if not args.repair and not args.json:
            print("album: run `album models verify --repair` to download the broken files again", file=sys.stderr)
        return 1
    return 0


def cmd_models_convert(args: argparse.Namespace, paths: Paths) -> int:
    if not args.name:
        print("album models convert: give the model to convert (a folder, ARCH:TAG or hf-hub:ORG/REPO)",
              file=sys.stderr)  # fmt: skip
        return 2

    def progress(step: str) -> None:
        if not args.json:
            print(f"{step}…", file=sys.stderr, flush=True)

    from album.core.library import ConversionFailed, ConverterMissing

    try:
        folder = _library(paths).convert_model(args.name, args.new_name, progress)
    except ConverterMissing as exc:
        print(f"album: {exc}", file=sys.stderr)
        return 2
    except ConversionFailed as exc:
        print(f"album: {exc}", file=sys.stderr)
        return 1
    if args.json:
        _emit({"converted": args.name, "name": folder.name, "folder": str(folder)})
    else:
        print(f"converted {args.name} into {folder}; choose {folder.name!r} as the CLIP model to use it")
    return 0


def cmd_info(args: argparse.Namespace, paths: Paths) -> int:
    library = _library(paths)
    photo = library.photo(os.path.abspath(args.photo))
    if photo is None:
        print(f"album info: {args.photo} is not in the library (run `album index` on its folder)", file=sys.stderr)
        return 1
    record = photo.to_json(library.album_names())
    sources = library.metadata_sources(photo.path)
    if args.json:
        record["sources"] = [{"source": s.source, "origin": s.origin, **s.said} for s in sources]
        _emit(record)
    else:
        for key, value in record.items():
            print(printable(f"{key:>14}: {'' if value is None else value}"))
        print("sources read (first wins, see README):")
        for source in sources:
            said = ", ".join(f"{k}={v}" for k, v in source.said.items())
            print(printable(f"{source.source:>14}: {said} [{source.origin}]"))
    return 0


def cmd_errors(args: argparse.Namespace, paths: Paths) -> int:
    for error in _library(paths).errors():
        retried = error.retried(__version__)
        if args.json:
            _emit({"path": error.path, "kind": error.kind, "reason": error.reason, "retried": retried})
        else:
            again = "tried again on the next run" if retried else "tried again when the file changes"
            print(printable(f"{error.path}: {error.reason} [{error.kind}; {again}]"))
    return 0


def cmd_stats(args: argparse.Namespace, paths: Paths) -> int:
    stats = dataclasses.asdict(_library(paths).stats())
    if args.json:
        _emit(stats)
    else:
        for key, value in stats.items():
            print(f"{key:>15}: {value}")
    return 0


def cmd_install_desktop(args: argparse.Namespace, paths: Paths) -> int:
    from album import desktop_install

    targets = desktop_install.DesktopTargets.from_env()
    if getattr(args, "uninstall", False):
        changed = desktop_install.uninstall(targets)
    else:
        changed = desktop_install.install(targets, desktop_install.launcher_command(), link_command=args.bin)
    if args.json:
        _emit({"removed" if getattr(args, "uninstall", False) else "written": [str(p) for p in changed]})
    else:
        for path in changed:
            print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON object per line")
    common.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    parser = argparse.ArgumentParser(prog="album", description="A private, offline smart photo album.")
    parser.add_argument("--version", action="version", version=f"album {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", parents=[common], help="add folders to the library or bring them up to date")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--prune",
        action="store_true",
        help="remove vanished photos even where the folder looks offline (empty, another drive)",
    )
    p.add_argument("--no-wait", action="store_true",
                   help="if another album is changing the library, say who and exit instead of waiting")  # fmt: skip
    p.set_defaults(func=cmd_index)

    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("--after", type=parse_day, metavar="DATE", help="taken on or after (YYYY[-MM[-DD]])")
    filters.add_argument("--before", type=lambda t: parse_day(t, end=True), metavar="DATE", help="taken on or before")
    filters.add_argument("--near", type=parse_latlon, metavar="LAT,LON", help="taken near these coordinates")
    filters.add_argument("--km", type=positive_km, metavar="R", help="radius for --near in km (default 10)")
    filters.add_argument("--camera", type=text_argument, metavar="TEXT", help="camera make or model contains TEXT")
    filters.add_argument("--tag", type=text_argument, action="append", metavar="TAG",
                         help="has this zero-shot tag (repeatable)")  # fmt: skip
    filters.add_argument("--person", type=text_argument, action="append", metavar="NAME",
                         help="this person is in the photo (repeatable)")  # fmt: skip
    filters.add_argument("--limit", type=positive_int, metavar="N", help="at most N photos")

    p = sub.add_parser("search", parents=[common, filters], help="find photos by what they show, date, place, camera")
    p.add_argument("text", nargs="*", metavar="TEXT", help='what the photo shows, e.g. "sunset over the sea"')
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("parse", parents=[common], help="show how album understands a search")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the date relative dates count from")
    p.add_argument("--people", default="", metavar="NAMES", help="comma-separated names of known people")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("similar", parents=[common, filters], help="find photos that look like PHOTO")
    p.add_argument("photo", metavar="PHOTO", help="a photo in the library, or any image file")
    p.set_defaults(func=cmd_similar)

    p = sub.add_parser("people", parents=[common], help="list people, name, merge, split and correct them")
    p.add_argument("action", nargs="?", default="list",
                   choices=["list", "name", "merge", "move", "split", "reject", "hide", "show", "me", "cluster"],
                   help="name ID NAME | merge INTO_ID ID... | move FACE_ID... --to ID | split FACE_ID... | "
                        "reject FACE_ID... (not this person) | hide/show ID... | me ID | cluster")  # fmt: skip
    p.add_argument("ids", nargs="*", metavar="ARG")
    p.add_argument("--to", metavar="PERSON_ID", help="target person for move")
    p.set_defaults(func=cmd_people)

    p = sub.add_parser("tags", parents=[common], help="list the zero-shot tags with their photo counts")
    p.set_defaults(func=cmd_tags)

    p = sub.add_parser("explore", parents=[common], help="lay the photos out in 2-D by what they show")
    p.add_argument("--method", choices=["auto", "umap", "pca"], default="auto",
                   help="auto (default): UMAP if album[explore] is installed, else PCA")
    p.set_defaults(func=cmd_explore)

    p = sub.add_parser("models", parents=[common], help="list, verify or convert the models album can use",
                       description="list (default): the models album can use, their sizes and licences. "
                                   "download [NAME]: download a model now (clip: the selected CLIP model; "
                                   "faces: the face models buffalo_l, with --accept-licence; opencv_yunet_sface: the "
                                   "licence-clean face pair); stopped with Ctrl+C, it "
                                   "resumes on the next run. remove NAME: delete an installed model. "
                                   "verify [NAME]: re-hash installed models against their manifest and the hub. "
                                   "convert SOURCE: turn an open_clip model (a local folder, ARCH:PRETRAINED_TAG "
                                   "or hf-hub:ORG/REPO) into an ONNX model folder album runs without torch; "
                                   "needs album[convert].")  # fmt: skip
    p.add_argument("action", nargs="?", default="list", choices=["list", "download", "remove", "verify", "convert"])
    p.add_argument("name", nargs="?", metavar="NAME|SOURCE",
                   help="download, remove, verify: a model's name or kind (clip, faces); "
                        "convert: the open_clip model to convert")  # fmt: skip
    p.add_argument("--accept-licence", action="store_true",
                   help="download: agree to a model's licence terms (the face models: non-commercial use only)")
    p.add_argument("--repair", action="store_true", help="verify: download broken or missing files again")
    p.add_argument("--name", dest="new_name", metavar="NAME",
                   help="convert: the new model's name (default: from SOURCE)")  # fmt: skip
    p.set_defaults(func=cmd_models)

    p = sub.add_parser("info", parents=[common], help="show what the library knows about one photo")
    p.add_argument("photo", metavar="PHOTO")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("errors", parents=[common], help="list files that could not be indexed, with reasons")
    p.set_defaults(func=cmd_errors)

    p = sub.add_parser("stats", parents=[common], help="library size and coverage")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("install-desktop", parents=[common],
                       help="add album to this user's desktop menus (launcher, icons) for a pip install")  # fmt: skip
    p.add_argument("--bin", action="store_true", help="also put album on the PATH (~/.local/bin/album)")
    p.set_defaults(func=cmd_install_desktop)

    p = sub.add_parser("uninstall-desktop", parents=[common], help="remove what install-desktop added")
    p.set_defaults(func=cmd_install_desktop, uninstall=True)

    from album.cli_albums import add_commands
    from album.cli_duplicates import add_commands as add_duplicates

    add_commands(sub, common)
    add_duplicates(sub, common)
    return parser


def command_names() -> set[str]:
    """The subcommands, so ``album PATH...`` (a file manager's "Open with") is told apart from the CLI."""
    actions = build_parser()._actions
    return {name for action in actions if isinstance(action, argparse._SubParsersAction) for name in action.choices}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_process(verbose=args.verbose)
    from album.core.library import Paths

    try:
        return int(args.func(args, Paths.from_env()))
    except BrokenPipeError:  # e.g. `album search | head`
        return 0
    except Exception as exc:
        code = _exit_code(exc)
        if code is None:
            raise
        print(f"album: {exc}", file=sys.stderr)
        return code


def _exit_code(exc: Exception) -> int | None:
    """The exit code of a failure the user can act on, said in one line (None: a bug, with its traceback).
    The error classes are imported only now: their modules (the store: pyarrow) are what `album parse` skips."""
    from album.core.library import DiskFull, InvalidQuery, LibraryBusy, ModelUnavailable, ReadOnlyFolder, StoreError

    if isinstance(exc, (StoreError, ModelUnavailable, InvalidQuery)):
        return 2
    if isinstance(exc, LibraryBusy):
        return 75  # EX_TEMPFAIL: try again later
    if isinstance(exc, (DiskFull, ReadOnlyFolder)):  # nothing half-written: free space (or allow writing), re-run
        return 1
    return None
