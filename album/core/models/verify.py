"""``album models verify``: every installed model re-hashed against its manifest and the hub's listing.

The check on every start (:func:`album.core.models.manifest.check_folder`) trusts a file whose size
and mtime did not change; this one trusts nothing. It re-hashes every file, compares with the folder's
manifest and — when the hub answers — with the checksums the hub lists for the repository and revision
each file came from (or, for a known model placed by hand, the one album would download it from). A
broken or missing file can then be downloaded again (``repair``).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from album.core.models import hub
from album.core.models.faces import PACKS, find_face_models, model_folder
from album.core.models.hub import HubFile, HubSource
from album.core.models.manifest import MANIFEST, read_manifest, verify_folder
from album.core.models.registry import CLIP_MODELS, DownloadProgress, clip_folder, clip_models, clip_sources

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelCheck:
    """One installed model as ``album models verify`` reports it.

    Attributes:
        state: "ok"; "broken" (a file is missing or not the bytes recorded or listed); or "unchecked"
            (no manifest and no hub listing to compare with: a model placed by hand, offline).
        note: what could not be compared (the hub unreachable) or why a repair failed.
    """

    kind: str
    name: str
    folder: Path
    state: str
    broken: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    repaired: tuple[str, ...] = ()
    note: str = ""


def installed_models(models_dir: Path) -> list[tuple[str, str, Path, list[HubSource]]]:
    """(kind, name, folder, where its files come from) of each model folder that is usable or has a
    manifest (so a model that lost a file is still checked, and reported)."""
    found: list[tuple[str, str, Path, list[HubSource]]] = []
    clip_root = models_dir / "clip"
    recorded = sorted(p.parent.name for p in clip_root.glob(f"*/{MANIFEST}"))
    usable = [s.name for s in clip_models(models_dir) if s.installed]
    for key in dict.fromkeys([*usable, *recorded]):
        spec = CLIP_MODELS.get(key)
        found.append(("clip", key, clip_folder(models_dir, key), clip_sources(spec) if spec else []))
    faces_root = models_dir / "faces"
    in_use = [model_folder(path)[0] for path in find_face_models(models_dir) or ()]
    for folder in dict.fromkeys([*in_use, *sorted(p.parent for p in faces_root.rglob(MANIFEST))]):
        pack = PACKS.get(folder.name) if folder.parent == faces_root else None
        sources = list(pack.sources) if pack else []
        found.append(("faces", folder.relative_to(faces_root).as_posix(), folder, sources))
    return found


def _git_oid(path: Path) -> str:
    digest = hashlib.sha1(b"blob %d\0" % path.stat().st_size)
    digest.update(path.read_bytes())  # only small files are checked this way (the hub lists sha256 for LFS)
    return digest.hexdigest()


def _matches(listed: HubFile, path: Path, sha256: str) -> bool:
    if listed.sha256:
        return listed.sha256.lower() == sha256
    return listed.git_oid is not None and listed.git_oid.lower() == _git_oid(path)


def verify_model(
    kind: str,
    name: str,
    folder: Path,
    sources: Sequence[HubSource],
    repair: bool = False,
    progress: DownloadProgress | None = None,
) -> ModelCheck:
    """Re-hash ``folder``'s files and compare them with its manifest and, if reachable, the hub."""
    check, hashes = verify_folder(folder)
    broken, missing = set(check.broken), set(check.missing)
    records = read_manifest(folder) or {}
    origin = {s.path: s for s in sources if s.path in hashes or s.path in records}
    origin |= {n: HubSource(r.repo, n, r.revision or "main") for n, r in records.items() if r.repo is not None}
    notes = []
    if origin:
        try:
            hub.check_reachable(hub.endpoint())
            for repo, revision in dict.fromkeys((s.repo, s.revision) for s in origin.values()):
                listing = hub.list_files(repo, revision)
                for path, source in origin.items():
                    listed = listing.get(path)
                    same = (source.repo, source.revision) == (repo, revision)
                    if same and listed and path in hashes and not _matches(listed, folder / path, hashes[path]):
                        broken.add(path)
        except OSError as exc:
            notes.append(f"not compared with the hub ({hub.endpoint()}): {exc}")
    compared_with_hub = bool(origin) and not notes
    if broken or missing:
        state = "broken"
    elif check.has_manifest or compared_with_hub:
        state = "ok"
    else:
        state = "unchecked"
        notes.insert(0, "no manifest (placed by hand?) and no hub listing to compare with")
    result = ModelCheck(kind, name, folder, state, tuple(sorted(broken)), tuple(sorted(missing)), note="; ".join(notes))
    if repair and result.state == "broken":
        return _repair(result, origin, sources, progress)
    return result


def _repair(
    result: ModelCheck, origin: dict[str, HubSource], sources: Sequence[HubSource], progress: DownloadProgress | None
) -> ModelCheck:
    """Download the broken and missing files again, then check the folder once more."""
    wanted = [*result.broken, *result.missing]
    unknown = [name for name in wanted if name not in origin]
    if unknown:
        return replace(result, note=f"cannot repair {', '.join(unknown)}: album does not know where it came from")
    try:
        for repo, revision in dict.fromkeys((origin[n].repo, origin[n].revision) for n in wanted):
            names = [n for n in wanted if (origin[n].repo, origin[n].revision) == (repo, revision)]
            hub.fetch(repo, revision, names, result.folder, progress)
    except OSError as exc:
        return replace(result, note=f"repair failed: {exc}")
    again = verify_model(result.kind, result.name, result.folder, sources)
    return replace(again, repaired=tuple(wanted))


def verify_models(
    models_dir: Path, name: str | None = None, repair: bool = False, progress: DownloadProgress | None = None
) -> list[ModelCheck]:
    """:func:`verify_model` for every installed model (or those whose name or kind is ``name``)."""
    return [
        verify_model(kind, model, folder, sources, repair, progress)
        for kind, model, folder, sources in installed_models(models_dir)
        if name is None or name in (kind, model)
    ]
