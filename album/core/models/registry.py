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

import hashlib
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from album.core.models import layout

log = logging.getLogger(__name__)

DownloadProgress = Callable[[str, int, int], None]
"""``progress(file_name, bytes_done, bytes_total)`` while a model file downloads."""

CLIP_CONFIG = "open_clip_config.json"
"""The config file of a model in open_clip's own layout: what ``album models convert`` reads, never the run time."""


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


HUB_HOST = "huggingface.co"


def check_reachable(host: str = HUB_HOST, port: int = 443, timeout: float = 3.0) -> None:
    """Fail in milliseconds when offline, instead of after the download library's retries (~30 s).

    Raises:
        OSError: the host cannot be resolved or connected to.
    """
    with socket.create_connection((host, port), timeout=timeout):
        pass


def download_file(repo: str, filename: str, folder: Path, progress: DownloadProgress | None) -> Path:
    """Fetch one file from a Hugging Face repository into ``folder``, reporting byte progress."""
    telemetry_off()
    from huggingface_hub import hf_hub_download
    from tqdm.auto import tqdm

    class _Progress(tqdm):  # type: ignore[misc,type-arg]
        """Routes huggingface_hub's progress bar to our callback instead of a terminal."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            kwargs["disable"] = True
            super().__init__(*args, **kwargs)

        def update(self, n: float | None = 1) -> bool | None:
            self.n += n or 0
            if progress is not None:
                progress(filename, int(self.n), int(self.total or 0))
            return None

    return Path(hf_hub_download(repo, filename, local_dir=folder, tqdm_class=_Progress, etag_timeout=10))


def ensure_clip_files(
    models_dir: Path, key: str, allow_download: bool = True, progress: DownloadProgress | None = None
) -> Path:
    """Return the folder holding CLIP model ``key``, downloading it on first use.

    Any folder ``models_dir/clip/<key>/`` holding the files of :mod:`album.core.models.layout` is a
    usable model, which is how hand-placed or converted (``album models convert``) models are added.

    Raises:
        ModelUnavailable: the files are not there and could not be downloaded.
    """
    folder = clip_folder(models_dir, key)
    spec = CLIP_MODELS.get(key)
    expected = _missing(folder)
    if not expected:
        return folder
    if spec is None:
        raise ModelUnavailable(key, expected, folder, "album does not know where to download it")
    if not allow_download:
        raise ModelUnavailable(key, expected, folder, "downloads are switched off")
    log.info("downloading CLIP model %s (%s)", key, ", ".join(expected))
    try:
        check_reachable()
    except OSError as exc:
        raise ModelUnavailable(key, expected, folder, f"cannot reach {HUB_HOST} to download it: {exc}") from exc
    try:
        for repo, name in spec.sources():
            if name in expected:
                download_file(repo, name, folder, progress)
    except Exception as exc:  # network, DNS, HTTP, disk: all mean the same to the user
        raise ModelUnavailable(key, expected, folder, f"download failed: {exc.__class__.__name__}") from exc
    return folder


def download_url(
    url: str,
    target: Path,
    progress: DownloadProgress | None,
    sha256: str | None = None,
    chunk: int = 1 << 20,
) -> Path:
    """Download ``url`` to ``target`` via a temporary file that becomes ``target`` only once it is whole:
    as long as the server said (Content-Length) and, when ``sha256`` is given, with that checksum.

    Raises:
        OSError: the transfer failed, stopped short, or the file is not the one expected; nothing is
            left at ``target`` or in a partial file.
    """
    import urllib.request

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=30) as response, open(partial, "wb") as out:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            while block := response.read(chunk):
                out.write(block)
                digest.update(block)
                done += len(block)
                if progress is not None:
                    progress(target.name, done, total)
        if total and done != total:
            raise OSError(f"the download of {target.name} stopped after {done:,} of {total:,} bytes")
        if sha256 is not None and digest.hexdigest() != sha256.lower():
            raise OSError(f"{target.name} is not the expected file (SHA-256 {digest.hexdigest()[:12]}…)")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target
