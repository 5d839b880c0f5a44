"""The models album offers to download, what each gives, what it costs and under which licence.

The first-run dialog and ``album models download`` show the same list: the selected CLIP model (text
search and tags) and the face pack (people). Sizes are exact once the hub's listing is read
(:func:`with_hub_sizes`); before that, and offline, they are the estimates below (taken from the hub's
pages in 2026-11), shown as "about".

The default face pack, insightface's ``buffalo_l``, is for non-commercial research only, so it is
never downloaded without the user agreeing (``opt_in``). Next to it, a licence-clean pair needs no
agreement: OpenCV Zoo's YuNet detector (MIT) and SFace recogniser (Apache-2.0), from the hub's
``opencv/face_detection_yunet`` and ``opencv/face_recognition_sface`` (see
:data:`~album.core.models.faces.PACKS`; ``buffalo_l`` is used when both are installed). album decodes
YuNet and feeds SFace exactly as OpenCV's ``FaceDetectorYN`` and ``FaceRecognizerSF`` do (tested
against them, with the real YuNet weights); how well the pair tells people apart on real faces could
not be measured here (no SFace weights on this machine). buffalo_l is the more accurate of the two by
the figures their authors publish (not measured here): WIDER FACE validation AP easy/medium/hard
0.884/0.866/0.750 for YuNet (OpenCV Zoo's README) against 0.952/0.939/0.831 for SCRFD-10G
(insightface's); no LFW figure of SFace's and ArcFace R50's was found measured the same way. That is
why the dialog still offers buffalo_l.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from album.core.models import hub
from album.core.models.faces import OPENCV_PACK, PACK, PACKS, face_models
from album.core.models.hub import HubSource
from album.core.models.registry import CLIP_MODELS, clip_folder, clip_sources

MB = 1_000_000

APPROX_SIZE = {
    "xlm-roberta-base-ViT-B-32": 1_480 * MB,  # visual 351 MB + XLM-RoBERTa base text tower ~1.1 GB
    "ViT-B-32": 610 * MB,  # visual 351 MB + textual 254 MB + tokenizer
    "ViT-B-16-SigLIP2": 1_500 * MB,
    PACK: 191 * MB,  # SCRFD-10G 17 MB + ArcFace R50 174 MB
    OPENCV_PACK: 39 * MB,  # YuNet 0.23 MB + SFace 38.7 MB
}
"""Download sizes before the hub's listing is read (offline): estimates, shown as "about"."""


@dataclass(frozen=True)
class ModelFile:
    """One file of a model folder: where it goes, and its size when the hub said (None before)."""

    path: str
    present: bool
    size: int | None = None


@dataclass(frozen=True)
class ModelOffer:
    """A model the user can download.

    Attributes:
        gives: what it adds to album: "text search", "tags", "people" (front ends translate them).
        opt_in: its licence restricts use (non-commercial): only downloaded when the user agrees.
        exact: sizes come from the hub's listing (else ``size`` is an estimate).
    """

    kind: str  # "clip" or "faces"
    name: str
    gives: tuple[str, ...]
    licence: str
    opt_in: bool
    folder: Path
    files: tuple[ModelFile, ...]
    sources: tuple[HubSource, ...]
    approx_size: int
    exact: bool = False

    @property
    def installed(self) -> bool:
        return all(f.present for f in self.files)

    @property
    def missing(self) -> tuple[ModelFile, ...]:
        return tuple(f for f in self.files if not f.present)

    @property
    def size(self) -> int:
        """Bytes still to download: exact from the hub's listing, else the estimate."""
        if self.installed:
            return 0
        if self.exact:
            return sum(f.size or 0 for f in self.missing)
        return self.approx_size


def offers(models_dir: Path, clip_key: str) -> list[ModelOffer]:
    """The selected CLIP model and the face packs (the licence-clean one first), from what is on disk
    (no network)."""
    found: list[ModelOffer] = []
    spec = CLIP_MODELS.get(clip_key)
    folder = clip_folder(models_dir, clip_key)
    if spec is not None:
        sources = tuple(clip_sources(spec))
        files = tuple(ModelFile(s.path, (folder / s.path).is_file()) for s in sources)
        found.append(ModelOffer("clip", clip_key, ("text search", "tags"), spec.licence, False, folder, files,
                                sources, APPROX_SIZE.get(clip_key, 0)))  # fmt: skip
    faces = face_models(models_dir)
    in_use = faces.folder if faces.installed else None
    pack_folders = {models_dir / "faces" / name for name in PACKS}
    for pack in PACKS.values():
        folder = models_dir / "faces" / pack.name
        # Face models placed by hand, in neither pack's folder, stand in for the default pack (nothing to offer).
        by_hand = pack.name == PACK and in_use is not None and in_use not in pack_folders
        files = tuple(ModelFile(s.path, by_hand or (folder / s.path).is_file()) for s in pack.sources)
        found.append(ModelOffer("faces", pack.name, ("people",), pack.licence, pack.opt_in,
                                in_use if by_hand and in_use else folder, files, pack.sources,
                                APPROX_SIZE[pack.name]))  # fmt: skip
    return found


def still_missing(found: list[ModelOffer]) -> list[ModelOffer]:
    """The offers not installed, leaving out the other face packs once one is (people need only one)."""
    has_faces = any(o.installed for o in found if o.kind == "faces")
    return [o for o in found if not o.installed and not (o.kind == "faces" and has_faces)]


def with_hub_sizes(found: list[ModelOffer], timeout: float = 10) -> list[ModelOffer]:
    """``found`` with each missing file's exact size from the hub's listing.

    Raises:
        OSError: the hub cannot be reached or listed (offline); in milliseconds when there is no network.
    """
    hub.check_reachable(hub.endpoint())
    listings: dict[tuple[str, str], dict[str, hub.HubFile]] = {}
    sized = []
    for offer in found:
        if offer.installed:
            sized.append(offer)
            continue
        by_path = {s.path: s for s in offer.sources}
        files = []
        for file in offer.files:
            source = by_path[file.path]
            key = (source.repo, source.revision)
            if key not in listings:
                listings[key] = hub.list_files(source.repo, source.revision, timeout=timeout)
            listed = listings[key].get(file.path)
            if listed is None:
                raise OSError(f"{source.repo} (revision {source.revision}) has no file {file.path}")
            files.append(replace(file, size=listed.size))
        sized.append(replace(offer, files=tuple(files), exact=True))
    return sized


def folder_size(folder: Path) -> int:
    """Bytes of every file under ``folder`` (a model's, with its manifest)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def remove(folder: Path, models_dir: Path) -> None:
    """Delete a model's folder (files, manifest and partial downloads), which must be inside ``models_dir``.

    Raises:
        ValueError: ``folder`` is not a model folder under ``models_dir``.
    """
    root = models_dir.resolve()
    target = folder.resolve()
    if target == root or root not in target.parents or target.parent in (root, root.parent):
        raise ValueError(f"{folder} is not a model folder under {models_dir}")
    shutil.rmtree(target)
