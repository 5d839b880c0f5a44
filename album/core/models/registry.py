"""Where model weights live, how they are fetched on first use, and what to say when they are missing.

Every model album uses sits in its own folder under the models directory (``Paths.models_dir``), so a
user can see, copy or delete it. A missing model is downloaded once, with progress reported through a
callback; when that fails (offline, firewalled) :class:`ModelUnavailable` names the model, the files
expected and the folder to put them in, and the rest of album keeps working without that feature.

Choice of the default CLIP model (recorded here because it shapes everything downstream):
album's users type Chinese as often as English ("有小狗的照片"), and Immich's English-only default is
its most common complaint. ``xlm-roberta-base-ViT-B-32`` (LAION, trained on 5B multilingual pairs)
pairs the ViT-B/32 image tower — the cheapest usable one on a laptop CPU, ~4.4 GFLOPs per photo, so
indexing costs the same as English ViT-B/32 — with an XLM-RoBERTa text tower covering ~100 languages.
Text encoding is slower than ViT-B/32's text tower, but it runs once per query, not per photo.
English-only ViT-B/32 (slightly better on English) and SigLIP2 (better, multilingual, ~4× the image
cost) are one setting away.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from album.core.models import hub, layout
from album.core.models.hub import HubSource
from album.core.models.manifest import check_folder, read_manifest

log = logging.getLogger(__name__)

DownloadProgress = Callable[[str, int, int], None]
"""``progress(file_name, bytes_done, bytes_total)`` while a model file downloads."""


# Dependencies that phone home unless told not to, and how to tell them: set before they are imported.
TELEMETRY_OFF = {
    "ORT_DISABLE_TELEMETRY": "1",  # onnxruntime writes a device id under ~/.cache/Microsoft on import otherwise
    "HF_HUB_DISABLE_TELEMETRY": "1",  # huggingface_hub (downloads)
    "DO_NOT_TRACK": "1",
}


def telemetry_off() -> None:
    """Switch off the telemetry of album's dependencies; called before any of them is imported (the
    entry points call it at start, the model code again right before its lazy imports)."""
    for name, value in TELEMETRY_OFF.items():
        os.environ.setdefault(name, value)


class ModelUnavailable(Exception):
    """A model's files are missing and could not be fetched. The message is meant for the user."""

    def __init__(self, model: str, files: list[str], folder: Path, reason: str) -> None:
        self.model = model
        self.files = files
        self.folder = folder
        self.reason = reason
        super().__init__(
            f"model {model!r} is not available ({reason}). Put {', '.join(files)} into {folder} "
            f"(or connect to the internet once so album can download it)."
        )


@dataclass(frozen=True)
class ClipSpec:
    """A CLIP model album knows how to fetch: Immich's ONNX export of an open_clip model, whose
    repository holds exactly the files of :data:`album.core.models.layout.CLIP_FILES`."""

    key: str  # the name used in settings and as the folder name
    hf_repo: str  # Hugging Face repository in album's model folder layout
    multilingual: bool
    licence: str
    note: str

    def sources(self) -> list[tuple[str, str]]:
        """(repository, file name) of every file, in download order (small ones first)."""
        return [(self.hf_repo, name) for name in layout.CLIP_FILES]


CLIP_MODELS: dict[str, ClipSpec] = {
    spec.key: spec
    for spec in (
        ClipSpec(
            "xlm-roberta-base-ViT-B-32", "immich-app/XLM-Roberta-Base-ViT-B-32__laion5b_s13b_b90k",
            True, "MIT (LAION)", "default: English, Chinese and ~100 more languages; ViT-B/32 image cost",
        ),
        ClipSpec(
            "ViT-B-32", "immich-app/ViT-B-32__laion2b-s34b-b79k",
            False, "MIT (LAION)", "English only; the same image cost as the default",
        ),
        ClipSpec(
            "ViT-B-16-SigLIP2", "immich-app/ViT-B-16-SigLIP2__webli",
            True, "Apache-2.0", "more accurate, multilingual; about 4x slower to index",
        ),
    )
}  # fmt: skip
DEFAULT_CLIP_MODEL = "xlm-roberta-base-ViT-B-32"


def clip_folder(models_dir: Path, key: str) -> Path:
    return models_dir / "clip" / key


@dataclass(frozen=True)
class ModelStatus:
    """One model as the settings dialog and ``album models`` show it."""

    kind: str  # "clip" or "faces"
    name: str
    installed: bool
    folder: Path
    licence: str
    note: str
    multilingual: bool | None = None  # CLIP models: understands Chinese queries (None: unknown, or not CLIP)
    failure: str | None = None  # why it could not be used by this process's last index run or search


def clip_models(models_dir: Path) -> list[ModelStatus]:
    """The known CLIP models, then any model folder a user put in ``models_dir/clip`` themselves."""
    found = [ModelStatus("clip", key, not _missing(clip_folder(models_dir, key)), clip_folder(models_dir, key),
                         spec.licence, spec.note, spec.multilingual) for key, spec in CLIP_MODELS.items()]  # fmt: skip
    root = models_dir / "clip"
    folders = sorted(root.iterdir()) if root.is_dir() else []
    extra = [p for p in folders if p.name not in CLIP_MODELS and not _missing(p)]
    return found + [ModelStatus("clip", p.name, True, p, "see the model's folder", "added by hand") for p in extra]


def _missing(folder: Path) -> list[str]:
    """The files of the model folder layout that ``folder`` lacks (the same for every CLIP model)."""
    return [name for name in layout.CLIP_FILES if not (folder / name).is_file()]


def ensure_model_files(
    model: str,
    folder: Path,
    sources: Sequence[HubSource],
    allow_download: bool = True,
    progress: DownloadProgress | None = None,
    cancel: threading.Event | None = None,
) -> None:
    """Make sure ``folder`` holds ``sources`` and that no file recorded in its manifest changed, fetching
    what is missing or broken: a broken file comes again from where the manifest says it came from.

    Raises:
        ModelUnavailable: a file is missing or broken and cannot be fetched (offline: in milliseconds,
            before any transfer starts); the message names the files and the folder.
        DownloadCancelled: ``cancel`` was set; what arrived is kept, and the next call resumes.
    """
    check = check_folder(folder)
    wanted = {s.path: s for s in sources}
    missing = [name for name in wanted if not (folder / name).is_file()]
    needed = list(dict.fromkeys([*missing, *check.missing, *check.broken]))
    if not needed:
        return
    if check.broken:
        log.warning("model %s: %s changed since it was verified", model, ", ".join(check.broken))
    records = read_manifest(folder) or {}
    for name in needed:
        entry = records.get(name)
        if name not in wanted and entry is not None and entry.repo is not None:
            wanted[name] = HubSource(entry.repo, name, entry.revision or "main")
    reasons = [f"{', '.join(check.broken)} changed since album verified it"] if check.broken else []
    unknown = [name for name in needed if name not in wanted]
    if unknown:
        reasons.append(f"album does not know where to download {', '.join(unknown)}")
        raise ModelUnavailable(model, needed, folder, "; ".join(reasons))
    if not allow_download:
        raise ModelUnavailable(model, needed, folder, "; ".join([*reasons, "downloads are switched off"]))
    base = hub.endpoint()
    log.info("downloading model %s (%s) from %s", model, ", ".join(needed), base)
    try:
        hub.check_reachable(base)
    except OSError as exc:
        raise ModelUnavailable(model, needed, folder, f"cannot reach {base} to download it: {exc}") from exc
    by_source: dict[tuple[str, str], list[str]] = {}
    for name in needed:
        by_source.setdefault((wanted[name].repo, wanted[name].revision), []).append(name)
    try:
        for (repo, revision), names in by_source.items():
            hub.fetch(repo, revision, names, folder, progress, base, cancel)
    except OSError as exc:  # network, DNS, HTTP, a file that is not the one listed, disk: the message says which
        raise ModelUnavailable(model, needed, folder, f"download failed: {exc}") from exc


def clip_sources(spec: ClipSpec) -> list[HubSource]:
    """Where each file of a known CLIP model's folder comes from, in download order."""
    return [HubSource(repo, name) for repo, name in spec.sources()]


def ensure_clip_files(
    models_dir: Path,
    key: str,
    allow_download: bool = True,
    progress: DownloadProgress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Return the folder holding CLIP model ``key``, downloading it on first use.

    Any folder ``models_dir/clip/<key>/`` holding the files of :mod:`album.core.models.layout` is a
    usable model, which is how hand-placed or converted (``album models convert``) models are added. A
    file that changed since it was verified (see :mod:`album.core.models.manifest`) is downloaded again.

    Raises:
        ModelUnavailable: the files are not there (or are damaged) and could not be downloaded.
    """
    folder = clip_folder(models_dir, key)
    spec = CLIP_MODELS.get(key)
    expected = _missing(folder)
    if spec is None and expected:
        raise ModelUnavailable(key, expected, folder, "album does not know where to download it")
    sources = [source for source in clip_sources(spec) if source.path in expected] if spec else []
    ensure_model_files(key, folder, sources, allow_download, progress, cancel)
    return folder
