"""5-point face alignment: the crop a recogniser expects, made with numpy and Pillow.

Recognisers of the ArcFace family were trained on faces warped so that the eyes, nose tip and mouth
corners land on fixed points of a 112×112 square (insightface's ``arcface_dst``). This is
insightface's ``norm_crop`` without OpenCV or scikit-image: the least-squares similarity transform
(rotation, uniform scale, translation — Umeyama's solution, which in 2-D is one complex division)
and a bilinear warp with Pillow, sampled on the same pixel grid as ``cv2.warpAffine``.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

# Where insightface's recognisers expect the 5 landmarks (left eye, right eye, nose, mouth left,
# mouth right) in a 112×112 crop.
ARCFACE_DST = np.array(
    [[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655], [70.7299, 92.2041]],
    dtype=np.float64,
)


def similarity_transform(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The 2×3 matrix of the similarity transform that maps ``src`` points closest to ``dst`` (least squares).

    Points are complex numbers here: a similarity is ``z -> a z + b`` with complex ``a`` (scale and
    rotation), and the least-squares ``a`` of centred points is ``Σ conj(s) d / Σ |s|²`` — the same
    transform as scikit-image's ``SimilarityTransform.estimate`` (Umeyama), without a reflection.
    """
    s = src[:, 0].astype(np.float64) + 1j * src[:, 1]
    d = dst[:, 0].astype(np.float64) + 1j * dst[:, 1]
    s_mean, d_mean = s.mean(), d.mean()
    sc, dc = s - s_mean, d - d_mean
    a = np.sum(np.conj(sc) * dc) / max(float(np.sum(np.abs(sc) ** 2)), 1e-12)
    b = d_mean - a * s_mean
    return np.array([[a.real, -a.imag, b.real], [a.imag, a.real, b.imag]])


def alignment_matrix(landmarks: np.ndarray, size: int = 112) -> np.ndarray:
    """The 2×3 image-to-crop matrix for a ``size`` crop, with insightface's template scaled as it does
    (a multiple of 112 scales it; a multiple of 128 scales it by size/128 and shifts it right by 8 of those)."""
    if size % 112 == 0:
        dst = ARCFACE_DST * (size / 112)
    else:
        ratio = size / 128
        dst = ARCFACE_DST * ratio + np.array([8.0 * ratio, 0.0])
    return similarity_transform(np.asarray(landmarks, np.float64).reshape(5, 2), dst)


def warp_affine(image: Image.Image, matrix: np.ndarray, size: tuple[int, int]) -> Image.Image:
    """``image`` warped by the 2×3 image-to-output ``matrix`` into ``size`` (bilinear, black outside).

    Pillow wants the output-to-image map and samples output pixel (x, y) at that map of its centre
    (x + ½, y + ½) minus ½, where OpenCV maps (x, y) itself; the translation is shifted so both sample
    the same source points. Faces at the photo's edge: OpenCV blends the edge pixels with the black
    beyond them, where Pillow stops dead; so the warp reads from a crop of the region it needs that
    extends past the edge with black (``Image.crop`` pads), which Pillow then blends like OpenCV.
    """
    inverse = np.linalg.inv(np.vstack([matrix, [0.0, 0.0, 1.0]]))[:2]
    linear, offset = inverse[:, :2], inverse[:, 2]
    corners = np.array([[0, 0], [size[0], 0], [0, size[1]], [size[0], size[1]]], np.float64)
    reach = corners @ linear.T + offset  # where the output's corners come from
    left, top = (np.floor(reach.min(axis=0)) - 2).astype(int)
    right, bottom = (np.ceil(reach.max(axis=0)) + 2).astype(int)
    region = image.crop((int(left), int(top), int(right), int(bottom)))
    offset = offset + 0.5 - linear @ np.array([0.5, 0.5]) - np.array([left, top])
    coefficients = (linear[0, 0], linear[0, 1], offset[0], linear[1, 0], linear[1, 1], offset[1])
    return region.transform(size, Image.Transform.AFFINE, coefficients, Image.Resampling.BILINEAR)


def norm_crop(image: Image.Image, landmarks: np.ndarray, size: int = 112) -> Image.Image:
    """The aligned ``size``×``size`` face crop a recogniser takes, from the 5 landmarks in ``image`` pixels."""
    return warp_affine(image, alignment_matrix(landmarks, size), (size, size))
