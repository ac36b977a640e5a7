#!/usr/bin/env python3
"""Score word vectors the same way for every engine, with gensim's own evaluation.

Usage: evaluate.py --analogies questions-words.txt [--wordsim wordsim353.tsv] VECTORS...

Prints one JSON object mapping each vectors file to
{"vocab", "analogyAccuracy", "analogyQuestions", "wordsimSpearman", "wordsimPearson", "wordsimOovPercent"}
or {"error": "..."} when a file cannot be loaded. analogyAccuracy is gensim's figure: the
fraction correct over the questions whose four words are all in the vocabulary (gensim
defaults: restrict_vocab=300000, case_insensitive=True). Without --wordsim the wordsim fields
are null (the scale tier's made-up words have no WordSim file).
"""
import argparse
import json
import logging
import sys


def score(path: str, analogies: str, wordsim) -> dict:
    from gensim.models import KeyedVectors

    vectors = KeyedVectors.load_word2vec_format(path, binary=False)
    accuracy, sections = vectors.evaluate_word_analogies(analogies)
    total = next((s for s in sections if s['section'] == 'Total accuracy'), None)
    questions = len(total['correct']) + len(total['incorrect']) if total else 0
    result = {
        'vocab': len(vectors),
        'analogyAccuracy': float(accuracy),
        'analogyQuestions': questions,
        'wordsimSpearman': None,
        'wordsimPearson': None,
        'wordsimOovPercent': None,
    }
    if wordsim is not None:
        pearson, spearman, oov_percent = vectors.evaluate_word_pairs(wordsim)
        result.update(wordsimSpearman=float(spearman[0]), wordsimPearson=float(pearson[0]), wordsimOovPercent=float(oov_percent))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--analogies', required=True)
    parser.add_argument('--wordsim')
    parser.add_argument('vectors', nargs='+')
    args = parser.parse_args()
    # gensim logs every evaluation section at INFO; the harness wants only the JSON.
    logging.disable(logging.WARNING)
    try:
        import gensim  # noqa: F401
    except ImportError as error:
        print(f'gensim is not installed for {sys.executable}: {error}', file=sys.stderr)
        return 3
    results = {}
    for path in args.vectors:
        try:
            results[path] = score(path, args.analogies, args.wordsim)
        except Exception as error:  # one unreadable file must not hide the other engines' scores
            results[path] = {'error': f'{type(error).__name__}: {error}'}
    print(json.dumps(results))
    return 0


if __name__ == '__main__':
    sys.exit(main())
