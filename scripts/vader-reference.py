#!/usr/bin/env python3
"""Prints the reference VADER compound score (vaderSentiment, PyPI) for each text of VADER's ground-truth files,
one per line, in file order. Used by the test that checks postcheck's port of VADER's rules."""
import sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

analyzer = SentimentIntensityAnalyzer()
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            print(analyzer.polarity_scores(parts[2])["compound"])
