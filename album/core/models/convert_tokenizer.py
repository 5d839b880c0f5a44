"""open_clip's tokenizers as Hugging Face ``tokenizers`` files, so the run time needs no open_clip.

Two kinds exist. A Hugging Face tokenizer (XLM-RoBERTa, SigLIP) already is one: its fast tokenizer is
saved with open_clip's padding and truncation switched on. open_clip's own ``SimpleTokenizer`` (OpenAI's
BPE, used by ViT-B-32) is rebuilt from its vocabulary and merges, with each of its steps expressed in
``tokenizers`` terms:

- cleaning (``ftfy.fix_text``, whitespace collapse, lower case): the ftfy fixes that change ordinary
  typed text (full-width letters and punctuation, Latin ligatures, curly quotes, NFC) as replacement
  normalisers built from ftfy's own tables, then whitespace and lower case;
- its word regex, then byte-level characters, then BPE with ``</w>`` ending each word;
- ``<start_of_text>`` … ``<end_of_text>`` around, truncated to the context length with
  ``<end_of_text>`` kept last, padded with id 0.

Not reproduced: ftfy's mojibake repair and open_clip's ``html.unescape`` (``&amp;`` stays as typed),
which matter for scraped captions, not for queries a user types. The converter compares ids with
open_clip's on its probe texts before it installs a model.
"""

from __future__ import annotations

from typing import Any

# open_clip's word pattern (SimpleTokenizer.pat without its special tokens, which tokenizers matches itself)
WORD_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+"""
START, END = "<start_of_text>", "<end_of_text>"


def _ftfy_normalizers() -> list[Any]:
    """ftfy.fix_text's character fixes that ordinary typed text meets, from ftfy's own tables."""
    from ftfy.chardata import DOUBLE_QUOTE_RE, LIGATURES, SINGLE_QUOTE_RE, WIDTH_MAP
    from tokenizers import Regex, normalizers

    table = {chr(k): v if isinstance(v, str) else chr(v) for k, v in {**WIDTH_MAP, **LIGATURES}.items()}
    steps = [normalizers.Replace(char, fixed) for char, fixed in table.items() if fixed and char != fixed]
    steps.append(normalizers.Replace(Regex(SINGLE_QUOTE_RE.pattern), "'"))
    steps.append(normalizers.Replace(Regex(DOUBLE_QUOTE_RE.pattern), '"'))
    return [normalizers.NFC(), *steps]


def simple_tokenizer(source: Any, context_length: int) -> tuple[Any, str]:
    """open_clip's ``SimpleTokenizer`` → (a ``tokenizers.Tokenizer``, its pad token)."""
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, processors

    vocab: dict[str, int] = dict(source.encoder)
    merges = [pair for pair, _rank in sorted(source.bpe_ranks.items(), key=lambda item: item[1])]
    tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=merges, end_of_word_suffix="</w>"))
    tokenizer.normalizer = normalizers.Sequence(
        [*_ftfy_normalizers(), normalizers.Replace(Regex(r"\s+"), " "), normalizers.Strip(), normalizers.Lowercase()]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(WORD_PATTERN), behavior="removed", invert=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])  # fmt: skip
    tokenizer.add_special_tokens([START, END])
    start, end = vocab[START], vocab[END]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{START} $A {END}", special_tokens=[(START, start), (END, end)]
    )
    pad_token = next(token for token, index in vocab.items() if index == 0)  # open_clip pads with id 0
    _pad_and_truncate(tokenizer, context_length, pad_token, 0)
    return tokenizer, pad_token


def hf_tokenizer(source: Any, context_length: int) -> tuple[Any, str]:
    """A transformers fast tokenizer (as open_clip's ``HFTokenizer`` holds it) → (its ``tokenizers``
    object, with open_clip's whitespace cleaning, padding and truncation; its pad token)."""
    from tokenizers import Regex, Tokenizer, normalizers

    if not getattr(source, "is_fast", False):
        raise ValueError(f"{type(source).__name__} has no tokenizer.json form (not a fast tokenizer)")
    tokenizer = Tokenizer.from_str(source.backend_tokenizer.to_str())
    # open_clip's "whitespace" cleaning: ftfy's fixes, runs of whitespace to one space, no spaces around
    cleaning = [*_ftfy_normalizers(), normalizers.Replace(Regex(r"\s+"), " "), normalizers.Strip()]
    tokenizer.normalizer = normalizers.Sequence([*cleaning, *([tokenizer.normalizer] if tokenizer.normalizer else [])])
    pad_token = str(source.pad_token)
    _pad_and_truncate(tokenizer, context_length, pad_token, int(source.pad_token_id))
    return tokenizer, pad_token


def _pad_and_truncate(tokenizer: Any, context_length: int, pad_token: str, pad_id: int) -> None:
    tokenizer.enable_truncation(max_length=context_length)
    tokenizer.enable_padding(length=context_length, pad_id=pad_id, pad_token=pad_token)
