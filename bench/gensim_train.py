#!/usr/bin/env python3
"""Train gensim 4 word2vec (skip-gram, negative sampling or with --hs hierarchical softmax) on a prepared corpus and save the
vectors in word2vec text format. The benchmark runs it through measure.py, so the whole
process (imports, reading, vocabulary, training, writing) is what gets timed.

--mode linesentence: Word2Vec(sentences=LineSentence(file)), Python-side reading.
--mode corpusfile:   Word2Vec(corpus_file=file), gensim's fastest, Cython-side reading.

Prints one JSON line with gensim's own figures, for information only.
"""
import argparse
import json
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--corpus', required=True)
    parser.add_argument('--out', required=True)
    parser.add_argument('--mode', choices=['linesentence', 'corpusfile'], default='linesentence')
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--dim', type=int, default=100)
    parser.add_argument('--window', type=int, default=5)
    parser.add_argument('--negative', type=int, default=5)
    parser.add_argument('--sample', type=float, default=1e-3)
    parser.add_argument('--min-count', type=int, default=5)
    parser.add_argument('--epochs', type=int, default=5)
    parser.add_argument('--alpha', type=float, default=0.025)
    # gensim's own default; the quality study of issue 13 §4 sets it below zero to undo corpus_file's per-worker decay.
    parser.add_argument('--min-alpha', type=float, default=0.0001)
    parser.add_argument('--seed', type=int, default=1)
    # Hierarchical softmax alone, as word2vec -hs 1 -negative 0: hs=1, negative=0.
    parser.add_argument('--hs', action='store_true')
    args = parser.parse_args()

    try:
        from gensim.models import Word2Vec
        from gensim.models.word2vec import FAST_VERSION, LineSentence
    except ImportError as error:
        print(f'gensim is not installed for {sys.executable}: {error}', file=sys.stderr)
        return 3
    if FAST_VERSION < 0:
        # Without the compiled routines gensim trains in pure Python: a comparison would be meaningless.
        print('gensim has no compiled training routines (FAST_VERSION < 0)', file=sys.stderr)
        return 3

    settings = dict(sg=1, hs=1 if args.hs else 0, negative=0 if args.hs else args.negative, vector_size=args.dim, window=args.window,
                    sample=args.sample, min_count=args.min_count, epochs=args.epochs, alpha=args.alpha, min_alpha=args.min_alpha,
                    workers=args.threads, seed=args.seed)
    started = time.perf_counter()
    if args.mode == 'corpusfile':
        model = Word2Vec(corpus_file=args.corpus, **settings)
    else:
        model = Word2Vec(sentences=LineSentence(args.corpus), **settings)
    trained = time.perf_counter()
    model.wv.save_word2vec_format(args.out, binary=False)
    print(json.dumps({
        'gensim': __import__('gensim').__version__,
        'mode': args.mode,
        'vocab': len(model.wv),
        'corpusWords': model.corpus_total_words,
        'trainSeconds': trained - started,
        'saveSeconds': time.perf_counter() - trained,
    }))
    return 0


if __name__ == '__main__':
    sys.exit(main())
